using PiNeurons.Core;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>
/// <c>--password-dir</c>: each hosted neuron logs in as itself (user = neuron id, password = DIR/&lt;id&gt;), as the
/// ACL of <c>pineurons secrets</c> requires. The broker here has an ACL too, so a neuron logged in as anyone but
/// itself could not publish its own status.
/// </summary>
public sealed class PasswordDirTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pineurons-pwdir-").FullName;
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsWindows())
        {
            // Mosquitto drops to its own user before reading the password and ACL files.
            File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        }

        var acl = Path.Combine(_dir, "acl");
        await File.WriteAllTextAsync(acl, """
            user a
            topic readwrite pineurons/a/#
            topic readwrite homeassistant/#

            user b
            topic readwrite pineurons/b/#
            topic readwrite homeassistant/#

            user op
            topic read pineurons/#
            topic read homeassistant/#

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(acl, (UnixFileMode)0b110_100_100);
        }

        _broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            PasswordFile = MosquittoBroker.CreatePasswordFile(_dir, ("a", "secret-of-a"), ("b", "secret-of-b"), ("op", "secret-of-op")),
            ExtraConfig = [$"acl_file {acl}"],
        });
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Node_PasswordDirForTwoNeurons_EachLogsInAsItselfAndBothComeOnline()
    {
        await using var probe = await MqttProbe.ConnectAsync("127.0.0.1", _broker.Port, b => b.WithCredentials("op", "secret-of-op"), "pineurons/+/status");
        var passwords = PasswordDir(("a", "secret-of-a\n"), ("b", "secret-of-b\n"));

        await using var node = NodeProcess.Start("--neurons", "a,b", "--broker", _broker.Url, "--password-dir", passwords);

        await probe.WaitForAsync("pineurons/a/status", "online");
        await probe.WaitForAsync("pineurons/b/status", "online");
    }

    [Fact]
    public async Task Node_PasswordDirWithHomeAssistant_DiscoveryLogsInAsTheFirstNeuronAndAnnouncesBoth()
    {
        await using var probe = await MqttProbe.ConnectAsync("127.0.0.1", _broker.Port, b => b.WithCredentials("op", "secret-of-op"), "homeassistant/#");
        var passwords = PasswordDir(("a", "secret-of-a\n"), ("b", "secret-of-b\n"));

        await using var node = NodeProcess.Start("--neurons", "a,b", "--broker", _broker.Url, "--password-dir", passwords,
            "--home-assistant", "homeassistant");

        await probe.WaitForAsync("homeassistant/device/pineurons_a/config");
        await probe.WaitForAsync("homeassistant/device/pineurons_b/config");
    }

    [Fact]
    public async Task Node_PasswordDirMissingANeuronsFile_ExitsTwoNamingTheFileAndTheNeuron()
    {
        var passwords = PasswordDir(("a", "secret-of-a\n"));

        await using var node = await NodeProcess.RunToExitAsync(TimeSpan.FromSeconds(30),
            "--neurons", "a,b", "--broker", _broker.Url, "--password-dir", passwords);

        Assert.True(node.ExitCode == 2, node.Describe());
        Assert.Contains($"cannot read {Path.Combine(passwords, "b")}, the password of neuron b", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_PasswordDirWithAnEmptyFile_ExitsTwoNamingIt()
    {
        var passwords = PasswordDir(("a", "secret-of-a\n"), ("b", "\n"));

        await using var node = await NodeProcess.RunToExitAsync(TimeSpan.FromSeconds(30),
            "--neurons", "a,b", "--broker", _broker.Url, "--password-dir", passwords);

        Assert.True(node.ExitCode == 2, node.Describe());
        Assert.Contains($"{Path.Combine(passwords, "b")}, the password of neuron b, has an empty first line", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_PasswordDirWithOneWrongPassword_ExitsFour()
    {
        var passwords = PasswordDir(("a", "secret-of-a\n"), ("b", "wrong\n"));

        await using var node = await NodeProcess.RunToExitAsync(TimeSpan.FromSeconds(30),
            "--neurons", "a,b", "--broker", _broker.Url, "--password-dir", passwords);

        Assert.True(node.ExitCode == ExitCodes.LoginRefused, node.Describe());
    }

    [Fact]
    public async Task Node_PasswordDirWithUsername_ExitsTwoNamingBoth()
    {
        var passwords = PasswordDir(("a", "secret-of-a\n"));

        await using var node = await NodeProcess.RunToExitAsync(TimeSpan.FromSeconds(30),
            "--neurons", "a", "--broker", _broker.Url, "--password-dir", passwords, "--username", "a");

        Assert.True(node.ExitCode == 2, node.Describe());
        Assert.Contains("--password-dir excludes --username and --password-file", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_PasswordDirOverPlainMqttToAnotherMachine_ExitsTwoSayingUseTlsOrInsecure()
    {
        // 192.0.2.1 is TEST-NET-1: the node refuses before connecting anywhere.
        await using var node = await NodeProcess.RunToExitAsync(TimeSpan.FromSeconds(30),
            "--neurons", "a", "--broker", "mqtt://192.0.2.1:1883", "--password-dir", PasswordDir(("a", "secret-of-a\n")));

        Assert.True(node.ExitCode == 2, node.Describe());
        Assert.Contains("refusing to send the MQTT password in clear text to mqtt://192.0.2.1:1883", node.Output, StringComparison.Ordinal);
    }

    private string PasswordDir(params (string Neuron, string Content)[] files)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, Guid.NewGuid().ToString("N"))).FullName;
        foreach (var (neuron, content) in files)
        {
            File.WriteAllText(Path.Combine(dir, neuron), content);
        }

        return dir;
    }
}
