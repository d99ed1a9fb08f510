using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using PiNeurons.Cli.Secrets;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>
/// Mosquitto 2.0.11 running the dynamic-security file <c>pineurons secrets</c> made for the XOR manifest (x kicks h1
/// and h2, h1 kicks z). The rules' checks are <see cref="AccessRuleChecks"/>, which EjabberdBrokerTests runs on ejabberd;
/// here they prove what a subscriber receives, not only the publisher's reason code, because the plugin checks a
/// subscription when it is made and again for each message delivered.
/// </summary>
public sealed class LockedBrokerTests : IClassFixture<GeneratedSecrets>
{
    // Mosquitto's dynamic-security plugin says 0x87 "not authorized" to a refused publish and subscription alike.
    private static readonly AccessRuleChecks Checks = new(MqttClientPublishReasonCode.NotAuthorized, MqttClientSubscribeResultCode.NotAuthorized);

    /// <summary>What Mosquitto answers a bad login with (MQTT 5 reason codes 0x86, 0x87).</summary>
    private static readonly MqttClientConnectResultCode[] Refusals =
        [MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized];
    private readonly GeneratedSecrets _secrets;

    public LockedBrokerTests(GeneratedSecrets secrets) => _secrets = secrets;

    [Fact]
    public async Task Login_AnonymousOrWrongPassword_Refused()
    {
        var (broker, tls) = await LockedBroker.StartAsync(_secrets.Out.Dir);
        await using var _ = broker;

        Assert.Contains(await LockedBroker.ConnectResultAsync(broker.Port, null, null), Refusals);
        Assert.Contains(await LockedBroker.ConnectResultAsync(broker.Port, "h1", "wrong"), Refusals);
        Assert.Contains(await LockedBroker.ConnectResultAsync(broker.Port, "h1", _secrets.Out.Password("h2")), Refusals);
        Assert.Contains(await LockedBroker.ConnectResultAsync(broker.Port, "nobody", _secrets.Out.Password("h2")), Refusals);
        Assert.Contains(await LockedBroker.ConnectResultAsync(broker.Port, "operator", _secrets.Out.Password("aggregator")), Refusals);
        // Positive controls: the same broker lets the right passwords in (a neuron's with its pinned client id).
        Assert.Equal(MqttClientConnectResultCode.Success,
            await LockedBroker.ConnectResultAsync(broker.Port, "h1", _secrets.Out.Password("h1"), clientId: LockedBroker.NeuronClientId("h1")));
        Assert.Equal(MqttClientConnectResultCode.Success, await LockedBroker.ConnectResultAsync(broker.Port, "operator", _secrets.Out.Password("operator")));
    }

    [Fact]
    public async Task Operator_SubscribesUnderTheRootItsRepliesOnly()
    {
        var (broker, _) = await LockedBroker.StartAsync(_secrets.Out.Dir);
        await using var __ = broker;
        await using var op = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "operator", []);

        await Checks.OperatorSubscribesUnderTheRootItsRepliesOnlyAsync(op);
    }

    [Fact]
    public async Task NeuronH1_PublishesOnlyItsOwnTopicsAndKicksOfItsConnections()
    {
        var (broker, _) = await LockedBroker.StartAsync(_secrets.Out.Dir);
        await using var __ = broker;
        await using var watcher = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "operator", ["pineurons/#", "pineurons-replies/#"]);
        await using var h1 = await LockedBroker.NeuronLoginAsync(_secrets.Out, broker.Port, "h1");

        await Checks.NeuronH1PublishesOnlyItsOwnTopicsAndKicksOfItsConnectionsAsync(h1, watcher);
    }

    [Fact]
    public async Task NeuronH1_MaySubscribeToItsOwnCommandsOnlyAndReceivesNothingElse()
    {
        var (broker, _) = await LockedBroker.StartAsync(_secrets.Out.Dir);
        await using var __ = broker;
        await using var h1 = await LockedBroker.NeuronLoginAsync(_secrets.Out, broker.Port, "h1");
        await using var op = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "operator", []);

        await Checks.NeuronH1SubscribesToItsOwnCommandsOnlyAsync(h1, op, wider: "$share/g/pineurons/+/events");
    }

    [Theory]
    [InlineData("h2")]
    [InlineData("pineurons-h2")]
    [InlineData("pineurons-aggregator")]
    [InlineData("")]
    [InlineData("h1")]
    public async Task NeuronH1_AnyClientIdButItsOwn_RefusedOnTheTlsListenerAndNobodyIsTakenOver(string clientId)
    {
        var (broker, tls) = await LockedBroker.StartAsync(_secrets.Out.Dir);
        await using var _ = broker;
        using var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(_secrets.Out.PathOf("ca.crt")));
        // h2 with the client id its node uses, and the aggregator with its own (pineurons-aggregator): the sessions to take.
        await using var h2 = await LockedBroker.NeuronLoginAsync(_secrets.Out, broker.Port, "h2", "pineurons/h2/set");
        await using var aggregator = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "aggregator", ["pineurons/+/events"], "pineurons-aggregator");
        var dropped = new[] { h2.Dropped, aggregator.Dropped };
        await using var op = await LockedBroker.LoginAsync(_secrets.Out, broker.Port, "operator", []);

        var answer = await LockedBroker.ConnectResultAsync(tls, "h1", _secrets.Out.Password("h1"), LockedBroker.Tls(ca), clientId);

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, answer);
        // Both sessions still take what comes after the attempt, and neither connection ever dropped.
        await op.PublishAsync("pineurons/h2/set", "{\"threshold\":2}");
        await op.PublishAsync("pineurons/h2/events", "after");
        await h2.WaitForAsync("pineurons/h2/set", "{\"threshold\":2}");
        await aggregator.WaitForAsync("pineurons/h2/events", "after");
        Assert.All(dropped, d => Assert.False(d.IsCompleted, "a session was taken over"));
        // Positive control: h1 with its own client id gets in on the same listener.
        Assert.Equal(MqttClientConnectResultCode.Success,
            await LockedBroker.ConnectResultAsync(tls, "h1", _secrets.Out.Password("h1"), LockedBroker.Tls(ca), LockedBroker.NeuronClientId("h1")));
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

    private Action<MqttClientOptionsBuilder> Login(string neuron) =>
        b => b.WithCredentials(neuron, _secrets.Out.Password(neuron)).WithClientId(LockedBroker.NeuronClientId(neuron));
}
