using PiNeurons.Mqtt.Tls;
using PiNeurons.Testing;

namespace PiNeurons.Mqtt.Tests;

/// <summary>
/// <c>mqtts://</c> pins the cluster CA. Against a real Mosquitto TLS listener: the right CA
/// connects; a foreign CA, a certificate for another name and an expired certificate are refused with a
/// reason an operator can act on (the last one names the clock); a listener that requires client
/// certificates takes ours.
/// </summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pineurons-tls-").FullName;
    private TestCertificates _cluster = null!;
    private readonly List<MosquittoBroker> _brokers = [];

    public Task InitializeAsync()
    {
        _cluster = TestCertificates.CreateCa(_dir, "PiNeurons cluster CA");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var broker in _brokers)
        {
            await broker.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private async Task<int> StartListenerAsync((string, string) server, bool requireCertificate = false)
    {
        var port = FreePort.Pick();
        var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { ExtraConfig = _cluster.Listener(port, server, requireCertificate) });
        _brokers.Add(broker);
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(10), () => broker.Log);
        return port;
    }

    private static Task<MqttRequestClient> ConnectAsync(int port, MqttTls tls) =>
        MqttRequestClient.ConnectAsync(
            new MqttRequestClientOptions
            {
                Brokers = BrokerAddress.Parse($"mqtts://127.0.0.1:{port}"),
                Root = "pineurons",
                Timeout = TimeSpan.FromSeconds(10),
                Tls = tls,
            },
            TimeProvider.System,
            CancellationToken.None);

    [Fact]
    public async Task Connect_BrokerCertificateFromThePinnedCa_PublishReachesASubscriber()
    {
        var port = await StartListenerAsync(_cluster.Issue("broker", ["127.0.0.1", "localhost"]));
        await using var subscriber = await MqttProbe.ConnectAsync(_brokers.Single().Url, "pineurons/a/kick");

        await using var client = await ConnectAsync(port, MqttTls.Load(_cluster.CaFile, null, null));
        await client.PublishAsync("pineurons/a/kick", "x"u8.ToArray());

        var received = await subscriber.WaitForAsync("pineurons/a/kick");
        Assert.Equal("x", MqttProbe.PayloadOf(received));
    }

    [Fact]
    public async Task Connect_ResilientConnectionWithThePinnedCa_ComesUp()
    {
        var port = await StartListenerAsync(_cluster.Issue("broker", ["127.0.0.1"]));
        await using var connection = new ResilientMqttConnection(
            new MqttConnectionOptions
            {
                Brokers = BrokerAddress.Parse($"mqtts://127.0.0.1:{port}"),
                ClientId = "tls-node",
                Tls = MqttTls.Load(_cluster.CaFile, null, null),
            },
            MqttConnectionHandlers.None,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ResilientMqttConnection>.Instance,
            TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = connection.RunAsync(stop.Token);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await connection.WaitUntilConnectedAsync(timeout.Token);

        Assert.True(connection.IsConnected);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Connect_BrokerSignedByAForeignCa_RefusedNamingTheClusterCa()
    {
        var foreignDir = Directory.CreateDirectory(Path.Combine(_dir, "foreign")).FullName;
        var foreign = TestCertificates.CreateCa(foreignDir, "Someone else's CA");
        var port = await StartListenerAsync(foreign.Issue("broker", ["127.0.0.1"]));

        var error = await Assert.ThrowsAsync<BrokerUnreachableException>(() => ConnectAsync(port, MqttTls.Load(_cluster.CaFile, null, null)));

        Assert.Contains("is not signed by the cluster CA (CN=PiNeurons cluster CA)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_CertificateForAnotherName_RefusedNamingTheHost()
    {
        var port = await StartListenerAsync(_cluster.Issue("broker", ["pi-broker.local"]));

        var error = await Assert.ThrowsAsync<BrokerUnreachableException>(() => ConnectAsync(port, MqttTls.Load(_cluster.CaFile, null, null)));

        Assert.Contains("is not issued for '127.0.0.1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ExpiredCertificate_RefusedNamingTheClock()
    {
        var port = await StartListenerAsync(_cluster.Issue("broker", ["127.0.0.1"],
            notBefore: DateTimeOffset.UtcNow.AddYears(-2), notAfter: DateTimeOffset.UtcNow.AddDays(-1)));

        var error = await Assert.ThrowsAsync<BrokerUnreachableException>(() => ConnectAsync(port, MqttTls.Load(_cluster.CaFile, null, null)));

        Assert.Contains("this machine's clock says", error.Message, StringComparison.Ordinal);
        Assert.Contains("real-time clock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ListenerRequiringClientCertificates_TakesOursRefusesNone()
    {
        var port = await StartListenerAsync(_cluster.Issue("broker", ["127.0.0.1"]), requireCertificate: true);
        var (certificate, key) = _cluster.Issue("h1", ["h1"], server: false);
        await using var subscriber = await MqttProbe.ConnectAsync(_brokers.Single().Url, "pineurons/h1/kick");

        await using var client = await ConnectAsync(port, MqttTls.Load(_cluster.CaFile, certificate, key));
        await client.PublishAsync("pineurons/h1/kick", "x"u8.ToArray());
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(port, MqttTls.Load(_cluster.CaFile, null, null)));

        var received = await subscriber.WaitForAsync("pineurons/h1/kick");
        Assert.Equal("x", MqttProbe.PayloadOf(received));
    }

    [Fact]
    public void Load_MissingOrHalfGivenFiles_NameTheFile()
    {
        var missing = Assert.Throws<MqttTlsFileException>(() => MqttTls.Load(Path.Combine(_dir, "nope.crt"), null, null));
        var half = Assert.Throws<MqttTlsFileException>(() => MqttTls.Load(null, _cluster.CaFile, null));
        File.WriteAllText(Path.Combine(_dir, "junk.crt"), "not a certificate");
        var junk = Assert.Throws<MqttTlsFileException>(() => MqttTls.Load(Path.Combine(_dir, "junk.crt"), null, null));

        Assert.Contains("nope.crt", missing.Message, StringComparison.Ordinal);
        Assert.Contains("needs both its certificate file and its key file", half.Message, StringComparison.Ordinal);
        Assert.Contains("junk.crt: cannot read it as a PEM or DER certificate", junk.Message, StringComparison.Ordinal);
        Assert.Equal(["--ca-file", "--cert-file", "--ca-file"], [missing.Option, half.Option, junk.Option]);
    }

    [Theory]
    [InlineData("mqtt://pi-broker.local:1883", true, false, true)]
    [InlineData("mqtt://10.0.0.5:1883", true, false, true)]
    [InlineData("mqtt://pi-broker.local:1883", true, true, false)]
    [InlineData("mqtts://pi-broker.local:8883", true, false, false)]
    [InlineData("mqtt://pi-broker.local:1883", false, false, false)]
    [InlineData("mqtt://127.0.0.1:1883", true, false, false)]
    [InlineData("mqtt://localhost:1883", true, false, false)]
    [InlineData("mqtt://[::1]:1883", true, false, false)]
    public void CleartextPassword_RefusedOnlyOffLoopbackWithoutTlsOrInsecure(string url, bool hasPassword, bool insecure, bool refused)
    {
        var refusal = CleartextPassword.Refusal(BrokerAddress.Parse(url), hasPassword, insecure);

        Assert.Equal(refused, refusal is not null);
        if (refusal is not null)
        {
            Assert.Contains("use mqtts:// with the cluster CA (--ca-file), or add --insecure", refusal, StringComparison.Ordinal);
        }
    }
}
