using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>
/// The node connects with <c>mqtts://</c> verifying the cluster CA, logs in with its password
/// there, and refuses to send a password over plain TCP to another machine unless told <c>--insecure</c>.
/// </summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pineurons-node-tls-").FullName;
    private MosquittoBroker _broker = null!;
    private TestCertificates _cluster = null!;
    private int _tlsPort;

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsWindows())
        {
            // Mosquitto drops to its own user before reading the password file.
            File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        }

        _cluster = TestCertificates.CreateCa(_dir);
        _tlsPort = FreePort.Pick();
        _broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            PasswordFile = MosquittoBroker.CreatePasswordFile(_dir, "n", "right"),
            ExtraConfig = _cluster.Listener(_tlsPort, _cluster.Issue("broker", ["127.0.0.1"])),
        });
        await FreePort.WaitUntilListeningAsync(_tlsPort, TimeSpan.FromSeconds(10), () => _broker.Log);
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Node_MqttsWithTheClusterCaAndPassword_ComesOnline()
    {
        await using var probe = await MqttProbe.ConnectAsync("127.0.0.1", _broker.Port, b => b.WithCredentials("n", "right"), "pineurons/n/status");
        await using var node = NodeProcess.Start("--neurons", "n", "--broker", $"mqtts://127.0.0.1:{_tlsPort}", "--ca-file", _cluster.CaFile,
            "--username", "n", "--password-file", PasswordFile());

        await probe.WaitForAsync(m => m.Topic == "pineurons/n/status" && MqttProbe.PayloadOf(m) == "online");
    }

    [Fact]
    public async Task Node_PasswordOverPlainMqttToAnotherMachine_ExitsTwoSayingUseTlsOrInsecure()
    {
        // 192.0.2.1 is TEST-NET-1: never connected to, the node refuses before connecting anywhere.
        await using var node = await NodeProcess.RunToExitAsync(TimeSpan.FromSeconds(30),
            "--neurons", "n", "--broker", "mqtt://192.0.2.1:1883", "--username", "n", "--password-file", PasswordFile());

        Assert.True(node.ExitCode == 2, node.Describe());
        Assert.Contains("refusing to send the MQTT password in clear text to mqtt://192.0.2.1:1883", node.Output, StringComparison.Ordinal);
        Assert.Contains("--insecure", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_CaFileWithAPlainBroker_ExitsTwoNamingTheOption()
    {
        await using var node = await NodeProcess.RunToExitAsync(TimeSpan.FromSeconds(30),
            "--neurons", "n", "--broker", _broker.Url, "--ca-file", _cluster.CaFile);

        Assert.True(node.ExitCode == 2, node.Describe());
        Assert.Contains("--ca-file/--cert-file apply to mqtts:// brokers", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_MissingCaFile_ExitsTwoNamingIt()
    {
        var missing = Path.Combine(_dir, "nope.crt");
        await using var node = await NodeProcess.RunToExitAsync(TimeSpan.FromSeconds(30),
            "--neurons", "n", "--broker", $"mqtts://127.0.0.1:{_tlsPort}", "--ca-file", missing);

        Assert.True(node.ExitCode == 2, node.Describe());
        Assert.Contains($"--ca-file: {missing}", node.Output, StringComparison.Ordinal);
    }

    private string PasswordFile()
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, "right\n");
        return path;
    }
}
