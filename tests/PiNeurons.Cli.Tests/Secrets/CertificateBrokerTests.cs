using PiNeurons.Core;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using PiNeurons.Cli.Secrets;
using PiNeurons.Node.Hosting;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>
/// Mosquitto 2.0.11 running what <c>pineurons secrets --auth certificate</c> made for the XOR manifest, with the
/// shipped config's certificate listener (require_certificate, use_identity_as_username, use_username_as_clientid):
/// the neurons log in with clients/&lt;id&gt;.crt and no password, and get the roles of the dynamic-security client
/// named by the CN; the operator logs in with its password. Denials are proven by what a subscriber receives, with
/// an allowed marker sent last (see LockedBrokerTests).
/// </summary>
public sealed class CertificateBrokerTests : IClassFixture<CertificateBrokerTests.Generated>
{
    private const string Forged = "forged";
    private static readonly string[] Neurons = ["x", "y", "h1", "h2", "h3", "z"];
    private readonly Generated _secrets;

    public CertificateBrokerTests(Generated secrets) => _secrets = secrets;

    /// <summary>One run of <c>pineurons secrets --auth certificate</c> for every test of the class.</summary>
    public sealed class Generated : IAsyncLifetime
    {
        internal SecretsOutput Out { get; } = new();

        internal X509Certificate2 Ca { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var result = await Out.RunAsync("--auth", "certificate");
            Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
            Ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Out.PathOf("ca.crt")));
        }

        internal X509Certificate2 Client(string neuron) =>
            X509Certificate2.CreateFromPemFile(Out.PathOf($"clients/{neuron}.crt"), Out.PathOf($"clients/{neuron}.key"));

        public Task DisposeAsync()
        {
            Ca.Dispose();
            Out.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Node_CertDirFromSecrets_EveryNeuronComesOnlineOnTheCertificateListenerAndXorComputes()
    {
        var (broker, _, certificatePort) = await LockedBroker.StartWithCertificatesAsync(_secrets.Out.Dir);
        await using var _ = broker;
        await using var watcher = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "operator", ["pineurons/+/status", "pineurons/h1/kick", "pineurons/z/events"]);
        using var node = NodeHost.Build(
            NodePlanner.Create(new NodeOptions
            {
                Manifest = SecretsOutput.ManifestPath,
                Node = "all",
                Gpio = "simulated",
                Broker = $"mqtts://127.0.0.1:{certificatePort}",
                CaFile = _secrets.Out.PathOf("ca.crt"),
                CertDir = _secrets.Out.PathOf("clients"),
                StateDir = Path.Combine(_secrets.Out.Root, "state-" + Guid.NewGuid().ToString("N")),
            }, hostname: "test", stateDirectoryEnv: null),
            LogLevel.Warning);

        await node.StartAsync();
        try
        {
            foreach (var neuron in Neurons)
            {
                await watcher.WaitForAsync($"pineurons/{neuron}/status", "online");
            }

            // x alone: x kicks h1 and h2 as itself, h1 fires and h2 does not, so z fires (XOR's 1,0 -> 1).
            await watcher.PublishAsync("pineurons/x/kick", string.Empty);

            await watcher.WaitForAsync("pineurons/h1/kick", "x");
            await watcher.WaitForAsync(m => m.Topic == "pineurons/z/events" && MqttProbe.PayloadOf(m).Contains("\"type\":\"fired\"", StringComparison.Ordinal));
        }
        finally
        {
            await node.StopAsync();
        }
    }

    [Fact]
    public async Task NeuronH1Certificate_PublishesOnlyItsOwnTopicsAndKicksOfItsConnections()
    {
        var (broker, _, certificatePort) = await LockedBroker.StartWithCertificatesAsync(_secrets.Out.Dir);
        await using var __ = broker;
        await using var watcher = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "operator", ["pineurons/#"]);
        using var certificate = _secrets.Client("h1");
        // A client id of h2's, and h2's password-style user name: the certificate's CN decides both.
        await using var h1 = await MqttProbe.ConnectAsync("127.0.0.1", certificatePort,
            b => LockedBroker.Tls(_secrets.Ca, clientCertificate: certificate)(b.WithClientId("pineurons-h2").WithCredentials("h2", "anything")));

        foreach (var topic in new[] { "pineurons/h2/set", "pineurons/h2/fire", "pineurons/h2/status", "pineurons/h2/events", "pineurons/h2/kick", "pineurons/x/kick", "pineurons/h1/set" })
        {
            var result = await PublishAsync(h1, topic, Forged);
            Assert.True(result.ReasonCode == MqttClientPublishReasonCode.NotAuthorized, $"{topic}: {result.ReasonCode}");
        }

        // Positive controls, then the marker: all allowed, so the test can fail.
        Assert.Equal(MqttClientPublishReasonCode.Success, (await PublishAsync(h1, "pineurons/z/kick", "h1")).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, (await PublishAsync(h1, "pineurons/h1/events", "marker")).ReasonCode);

        await watcher.WaitForAsync("pineurons/h1/events", "marker");
        Assert.Equal(["pineurons/z/kick", "pineurons/h1/events"], watcher.Received.Select(m => m.Topic));
    }

    [Theory]
    [InlineData("h2")]
    [InlineData("pineurons-aggregator")]
    public async Task NeuronH1Certificate_AskingForAnotherSessionsClientId_GetsItsOwnAndTakesNoSessionOver(string clientId)
    {
        var (broker, _, certificatePort) = await LockedBroker.StartWithCertificatesAsync(_secrets.Out.Dir);
        await using var __ = broker;
        using var h1Certificate = _secrets.Client("h1");
        using var h2Certificate = _secrets.Client("h2");
        // h2 by its certificate (its session is 'h2', the CN), the aggregator by password with its own client id.
        await using var h2 = await MqttProbe.ConnectAsync("127.0.0.1", certificatePort, LockedBroker.Tls(_secrets.Ca, clientCertificate: h2Certificate), "pineurons/h2/set");
        await using var aggregator = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "aggregator", ["pineurons/+/events"], "pineurons-aggregator");
        var dropped = new[] { h2.Dropped, aggregator.Dropped };
        await using var op = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "operator", []);

        // The pins of the dynamic-security file do not apply to a certificate login; use_username_as_clientid does.
        await using var h1 = await MqttProbe.ConnectAsync("127.0.0.1", certificatePort,
            b => LockedBroker.Tls(_secrets.Ca, clientCertificate: h1Certificate)(b.WithClientId(clientId)));

        Assert.True(h1.Client.IsConnected);
        await op.PublishAsync("pineurons/h2/set", "{\"threshold\":2}");
        await op.PublishAsync("pineurons/h2/events", "after");
        await h2.WaitForAsync("pineurons/h2/set", "{\"threshold\":2}");
        await aggregator.WaitForAsync("pineurons/h2/events", "after");
        Assert.All(dropped, d => Assert.False(d.IsCompleted, "a session was taken over"));
    }

    [Fact]
    public async Task CertificateListener_RefusesNoCertificateAForeignCaAndAnExpiredCertificate()
    {
        var (broker, _, certificatePort) = await LockedBroker.StartWithCertificatesAsync(_secrets.Out.Dir);
        await using var __ = broker;
        var now = TimeProvider.System.GetUtcNow();
        var clusterCa = ClusterCertificates.LoadAuthority(_secrets.Out.PathOf("ca.crt"), _secrets.Out.PathOf("ca.key"));
        var foreignCa = ClusterCertificates.CreateAuthority(now, name: "PiNeurons cluster CA");
        using var foreign = ClusterCertificates.IssueClient(foreignCa, "h1", key: null, now.AddHours(-1), now.AddDays(30)).Certificate;
        // Expired a minute ago; it cannot start before the CA it chains to, made an hour before this class's run.
        using var expired = ClusterCertificates.IssueClient(clusterCa, "h1", key: null, clusterCa.Certificate.NotBefore.ToUniversalTime(), now.AddMinutes(-1)).Certificate;
        using var valid = _secrets.Client("h1");

        // Over TLS 1.2 the client hears of the refusal only as a closed connection: the broker's alert comes after
        // the client's side of the handshake. The broker's log says why, and the valid certificate, otherwise the
        // same as the expired one, gets in.
        await Assert.ThrowsAnyAsync<MQTTnet.Exceptions.MqttCommunicationException>(() => ConnectAsync(certificatePort, certificate: null));
        await Assert.ThrowsAnyAsync<MQTTnet.Exceptions.MqttCommunicationException>(() => ConnectAsync(certificatePort, foreign));
        await Assert.ThrowsAnyAsync<MQTTnet.Exceptions.MqttCommunicationException>(() => ConnectAsync(certificatePort, expired));

        // Positive control: the same broker takes the generated certificate.
        await using (var h1 = await ConnectAsync(certificatePort, valid))
        {
            Assert.True(h1.Client.IsConnected);
        }

        // Mosquitto's stdout reaches the log in full once it exits.
        await broker.StopAsync();
        Assert.Contains("peer did not return a certificate", broker.Log, StringComparison.Ordinal);
        Assert.Equal(2, broker.Log.Split("certificate verify failed").Length - 1);
        clusterCa.Certificate.Dispose();
        foreignCa.Certificate.Dispose();
    }

    [Fact]
    public async Task NeuronCertificateWithoutPassword_RefusedOnThePasswordListener()
    {
        var (broker, tlsPort, _) = await LockedBroker.StartWithCertificatesAsync(_secrets.Out.Dir);
        await using var __ = broker;
        using var certificate = _secrets.Client("h1");

        var tls = LockedBroker.Tls(_secrets.Ca, clientCertificate: certificate);
        var refusals = new[] { MqttClientConnectResultCode.NotAuthorized, MqttClientConnectResultCode.BadUserNameOrPassword };

        Assert.Contains(await LockedBroker.ConnectResultAsync(tlsPort, null, null, tls), refusals);
        Assert.Contains(await LockedBroker.ConnectResultAsync(tlsPort, "h1", null, tls), refusals);
        // Positive control: the operator's password works on the same listener.
        await using var op = await MqttProbe.ConnectAsync("127.0.0.1", tlsPort, b => LockedBroker.Tls(_secrets.Ca)(b.WithCredentials("operator", _secrets.Out.Password("operator"))));
        Assert.True(op.Client.IsConnected);
    }

    private Task<MqttProbe> ConnectAsync(int port, X509Certificate2? certificate) =>
        MqttProbe.ConnectAsync("127.0.0.1", port, LockedBroker.Tls(_secrets.Ca, clientCertificate: certificate));

    private static Task<MqttClientPublishResult> PublishAsync(MqttProbe probe, string topic, string payload) =>
        probe.Client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            CancellationToken.None);
}
