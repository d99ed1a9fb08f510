using PiNeurons.Core;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Protocol;
using PiNeurons.Cli.Secrets;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>
/// Mosquitto 2.0.11 running what <c>pineurons secrets</c> made for the XOR manifest (x kicks h1 and h2,
/// h1 kicks z). A denial is proven by what a subscriber receives, not by the publisher's reason code:
/// Mosquitto checks SUBSCRIBE lazily, per delivered message. To prove a message was NOT delivered, the
/// same publisher sends an allowed marker afterwards; MQTT keeps one publisher's QoS 1 messages in order
/// for a subscriber, so once the marker is in, anything before it that was let through is in too.
/// </summary>
public sealed class LockedBrokerTests : IClassFixture<LockedBrokerTests.Generated>
{
    private const string Forged = "forged";

    /// <summary>What Mosquitto answers a bad login with (MQTT 5 reason codes 0x86, 0x87).</summary>
    private static readonly MqttClientConnectResultCode[] Refusals =
        [MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized];
    private readonly Generated _secrets;

    public LockedBrokerTests(Generated secrets) => _secrets = secrets;

    /// <summary>One run of <c>pineurons secrets</c> for every test of the class.</summary>
    public sealed class Generated : IAsyncLifetime
    {
        internal SecretsOutput Out { get; } = new();

        public async Task InitializeAsync()
        {
            var result = await Out.RunAsync();
            Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        }

        public Task DisposeAsync()
        {
            Out.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Login_AnonymousOrWrongPassword_Refused()
    {
        var (broker, tls) = await LockedBroker.StartAsync(_secrets.Out.Dir);
        await using var _ = broker;

        Assert.Contains(await LockedBroker.ConnectResultAsync(broker.Port, null, null), Refusals);
        Assert.Contains(await LockedBroker.ConnectResultAsync(broker.Port, "h1", "wrong"), Refusals);
        Assert.Contains(await LockedBroker.ConnectResultAsync(broker.Port, "h1", _secrets.Out.Password("h2")), Refusals);
        Assert.Contains(await LockedBroker.ConnectResultAsync(broker.Port, "nobody", _secrets.Out.Password("h2")), Refusals);
        // Positive control: the same broker lets the right password in.
        Assert.Equal(MqttClientConnectResultCode.Success, await LockedBroker.ConnectResultAsync(broker.Port, "h1", _secrets.Out.Password("h1")));
    }

    [Fact]
    public async Task NeuronH1_PublishesOnlyItsOwnTopicsAndKicksOfItsConnections()
    {
        var (broker, _) = await LockedBroker.StartAsync(_secrets.Out.Dir);
        await using var __ = broker;
        await using var watcher = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "operator", ["pineurons/#", "pineurons-replies/#"]);
        await using var h1 = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "h1", []);

        string[] forbidden =
        [
            "pineurons/h2/set", "pineurons/h2/fire", "pineurons/h2/query", "pineurons/h2/state", "pineurons/h2/status", "pineurons/h2/events",
            "pineurons/h2/kick", "pineurons/x/kick", "pineurons/h1/kick", "pineurons/h1/set", "pineurons/z/set", "pineurons/h2/sensors/pir",
        ];
        foreach (var topic in forbidden)
        {
            var result = await PublishAsync(h1, topic, Forged);
            Assert.True(result.ReasonCode == MqttClientPublishReasonCode.NotAuthorized, $"{topic}: {result.ReasonCode}");
        }

        // Positive controls, then the marker: all allowed, so the test can fail.
        foreach (var (topic, payload) in new[]
        {
            ("pineurons/z/kick", "h1"), ("pineurons/h1/status", "online"), ("pineurons/h1/state", "{}"),
            ("pineurons/h1/sensors/pir", "1"), ("pineurons-replies/pineurons-cli-1", "{}"), ("pineurons/h1/events", "marker"),
        })
        {
            Assert.Equal(MqttClientPublishReasonCode.Success, (await PublishAsync(h1, topic, payload)).ReasonCode);
        }

        await watcher.WaitForAsync("pineurons/h1/events", "marker");
        Assert.Equal(
            ["pineurons/z/kick", "pineurons/h1/status", "pineurons/h1/state", "pineurons/h1/sensors/pir", "pineurons-replies/pineurons-cli-1", "pineurons/h1/events"],
            watcher.Received.Select(m => m.Topic));
    }

    [Fact]
    public async Task NeuronH1_SubscribedToEverything_ReceivesOnlyItsOwnCommands()
    {
        var (broker, _) = await LockedBroker.StartAsync(_secrets.Out.Dir);
        await using var __ = broker;
        await using var h1 = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "h1", ["pineurons/#", "pineurons-replies/#"]);
        await using var op = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "operator", []);

        foreach (var topic in new[] { "pineurons/h2/set", "pineurons/h2/kick", "pineurons/h2/fire", "pineurons/h2/query", "pineurons/z/events", "pineurons/h2/state", "pineurons-replies/other" })
        {
            await op.PublishAsync(topic, Forged);
        }

        await op.PublishAsync("pineurons/h1/set", "{}");
        await op.PublishAsync("pineurons/h1/kick", "marker");

        await h1.WaitForAsync("pineurons/h1/kick", "marker");
        Assert.Equal(["pineurons/h1/set", "pineurons/h1/kick"], h1.Received.Select(m => m.Topic));
    }

    [Fact]
    public async Task NeuronH1_SpoofingH2sClientId_NeitherEvictsH2NorGetsItsRights()
    {
        var (broker, _) = await LockedBroker.StartAsync(_secrets.Out.Dir);
        await using var __ = broker;
        await using var h2 = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "h2", ["pineurons/h2/set"], clientId: "h2");
        var h2Dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h2.Client.DisconnectedAsync += _ =>
        {
            h2Dropped.TrySetResult();
            return Task.CompletedTask;
        };
        await using var watcher = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "operator", ["pineurons/#"]);
        // The node's client id for h2 is pineurons-h2; the broker replaces either with the user name.
        await using var spoof = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "h1", ["pineurons/h2/set", "pineurons/h1/kick"], clientId: "h2");
        await using var spoof2 = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "x", ["pineurons/h2/set"], clientId: "pineurons-h2");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await PublishAsync(spoof, "pineurons/h2/status", Forged)).ReasonCode);
        await PublishAsync(spoof, "pineurons/h1/events", "marker");
        await watcher.WaitForAsync("pineurons/h1/events", "marker");
        await watcher.PublishAsync("pineurons/h2/set", "{\"threshold\":2}");
        await watcher.PublishAsync("pineurons/h1/kick", "marker");

        await h2.WaitForAsync("pineurons/h2/set", "{\"threshold\":2}");
        await spoof.WaitForAsync("pineurons/h1/kick", "marker");
        Assert.False(h2Dropped.Task.IsCompleted, "the spoofing client took h2's session");
        Assert.True(h2.Client.IsConnected);
        Assert.DoesNotContain(watcher.Received, m => MqttProbe.PayloadOf(m) == Forged);
        Assert.Equal(["pineurons/h1/kick"], spoof.Received.Select(m => m.Topic));
    }

    [Fact]
    public async Task Tls_TrustingTheGeneratedCa_ConnectsAndLogsIn()
    {
        var (broker, tls) = await LockedBroker.StartAsync(_secrets.Out.Dir);
        await using var _ = broker;
        using var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(_secrets.Out.PathOf("ca.crt")));

        await using var h1 = await MqttProbe.ConnectAsync("127.0.0.1", tls, Login("h1") + LockedBroker.Tls(ca), "pineurons/h1/kick");

        Assert.True(h1.Client.IsConnected);
    }

    [Fact]
    public async Task Tls_OsTrustStoreOnly_Refused()
    {
        var (broker, tls) = await LockedBroker.StartAsync(_secrets.Out.Dir);
        await using var _ = broker;

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => MqttProbe.ConnectAsync("127.0.0.1", tls, Login("h1") + LockedBroker.Tls(null)));

        Assert.True(LockedBroker.IsTlsFailure(ex), ex.ToString());
    }

    [Fact]
    public async Task Tls_AForeignCa_Refused()
    {
        var (broker, tls) = await LockedBroker.StartAsync(_secrets.Out.Dir);
        await using var _ = broker;
        using var foreign = ClusterCertificates.CreateAuthority(TimeProvider.System.GetUtcNow(), name: "PiNeurons cluster CA").Certificate;
        var seen = new List<X509ChainStatusFlags>();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => MqttProbe.ConnectAsync("127.0.0.1", tls, Login("h1") + LockedBroker.Tls(foreign, seen)));

        Assert.True(LockedBroker.IsTlsFailure(ex), ex.ToString());
        Assert.Contains(seen, s => s is X509ChainStatusFlags.PartialChain or X509ChainStatusFlags.UntrustedRoot);
    }

    [Fact]
    public async Task Tls_AnExpiredServerCertificate_Refused()
    {
        var now = TimeProvider.System.GetUtcNow();
        using var place = new SecretsOutput();
        Directory.CreateDirectory(place.Dir);
        var ca = ClusterCertificates.CreateAuthority(now.AddDays(-60));
        var expired = ClusterCertificates.IssueServer(ca, ["localhost", "127.0.0.1"], now.AddDays(-30), now.AddDays(-1));
        SecretFile.Write(place.PathOf("ca.crt"), ca.CertificatePem, SecretFile.Public);
        SecretFile.Write(place.PathOf("broker.crt"), expired.CertificatePem, SecretFile.Public);
        SecretFile.Write(place.PathOf("broker.key"), expired.KeyPem, SecretFile.Private);
        var (broker, tls) = await LockedBroker.StartAsync(_secrets.Out.Dir, certificates: place.Dir);
        await using var _ = broker;
        var seen = new List<X509ChainStatusFlags>();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => MqttProbe.ConnectAsync("127.0.0.1", tls, Login("h1") + LockedBroker.Tls(ca.Certificate, seen)));

        Assert.True(LockedBroker.IsTlsFailure(ex), ex.ToString());
        Assert.Contains(X509ChainStatusFlags.NotTimeValid, seen);
        ca.Certificate.Dispose();
        expired.Certificate.Dispose();
    }

    private Action<MqttClientOptionsBuilder> Login(string user) => b => b.WithCredentials(user, _secrets.Out.Password(user));

    private static Task<MqttClientPublishResult> PublishAsync(MqttProbe probe, string topic, string payload) =>
        probe.Client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            CancellationToken.None);
}
