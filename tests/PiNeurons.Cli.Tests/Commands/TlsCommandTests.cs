using PiNeurons.Core;
using PiNeurons.Mqtt;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Commands;

/// <summary>The CLI reaches an mqtts:// broker through the cluster CA, and does not send a password
/// in clear text to another machine unless --insecure says so.</summary>
public sealed class TlsCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pineurons-cli-tls-").FullName;
    private MosquittoBroker _broker = null!;
    private TestCertificates _cluster = null!;
    private int _tlsPort;

    public async Task InitializeAsync()
    {
        _cluster = TestCertificates.CreateCa(_dir);
        _tlsPort = FreePort.Pick();
        _broker = await MosquittoBroker.StartAsync(new MosquittoOptions { ExtraConfig = _cluster.Listener(_tlsPort, _cluster.Issue("broker", ["127.0.0.1"])) });
        await FreePort.WaitUntilListeningAsync(_tlsPort, TimeSpan.FromSeconds(10), () => _broker.Log);
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Kick_MqttsWithTheClusterCa_KickArrives()
    {
        await using var neuron = await MqttProbe.ConnectAsync(_broker.Url, "pineurons/c1/kick");
        await neuron.PublishAsync("pineurons/c1/status", "online", retain: true);

        var result = await CliRun.RunAsync("kick", "c1", "--from", "x", "--broker", $"mqtts://127.0.0.1:{_tlsPort}", "--ca-file", _cluster.CaFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("x", (await neuron.WaitForAsync("pineurons/c1/kick")).PayloadAsString());
    }

    [Fact]
    public async Task BenchThroughput_Mqtts_TheFloodArrivesThroughTheClusterCa()
    {
        var result = await CliRun.RunAsync("bench", "throughput", "--seconds", "0.5", "--broker", $"mqtts://127.0.0.1:{_tlsPort}", "--ca-file", _cluster.CaFile);

        Assert.True(result.ExitCode == 0, result + "\nmosquitto:\n" + _broker.Log);
        Assert.Matches(@"processed\s+[1-9]\d* kicks", result.Output);
    }

    [Fact]
    public async Task Kick_MqttsWithoutTheClusterCa_UnreachableSayingWhichCaIsMissing()
    {
        var foreign = TestCertificates.CreateCa(Directory.CreateDirectory(Path.Combine(_dir, "other")).FullName, "Other CA");

        var result = await CliRun.RunAsync("kick", "c1", "--broker", $"mqtts://127.0.0.1:{_tlsPort}", "--ca-file", foreign.CaFile);

        Assert.Equal(ExitCodes.BrokerUnreachable, result.ExitCode);
        Assert.Contains("TLS: the broker's certificate", result.Error, StringComparison.Ordinal);
        Assert.Contains("is not signed by the cluster CA (CN=Other CA)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kick_PasswordInClearTextToAnotherMachine_UsageErrorWithoutConnecting()
    {
        var password = Path.Combine(_dir, "pw");
        await File.WriteAllTextAsync(password, "secret\n");

        // 192.0.2.1 is TEST-NET-1: the refusal comes before any connection attempt.
        var result = await CliRun.RunAsync("kick", "c1", "--broker", "mqtt://192.0.2.1:1883", "--username", "operator", "--password-file", password);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("refusing to send the MQTT password in clear text to mqtt://192.0.2.1:1883", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kick_CaFileWithPlainMqtt_UsageError()
    {
        var result = await CliRun.RunAsync("kick", "c1", "--broker", _broker.Url, "--ca-file", _cluster.CaFile);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--ca-file applies to mqtts:// brokers", result.Error, StringComparison.Ordinal);
    }
}
