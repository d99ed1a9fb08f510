using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using PiNeurons.Cli.Secrets;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>
/// A 2-node ejabberd 23.01 cluster running what <c>pineurons secrets --broker-kind ejabberd</c> made for the XOR manifest
/// (x kicks h1 and h2, h1 kicks z): the checks of <see cref="AccessRuleChecks"/> that LockedBrokerTests runs on Mosquitto,
/// and ejabberd's own. A client and its watcher sit on different nodes, so the rules are proven across the cluster.
/// </summary>
[Trait("Requires", "ejabberd")]
public sealed class EjabberdBrokerTests(EjabberdSecretsCluster fixture) : IClassFixture<EjabberdSecretsCluster>
{
    private const string Forged = "forged";
    private const MqttClientSubscribeResultCode Granted = MqttClientSubscribeResultCode.GrantedQoS1;

    /// <summary>What mod_mqtt answers a publish its rules refuse, at QoS 1: 0x90 "topic name invalid", where Mosquitto says
    /// 0x87 "not authorized" (the client stays connected either way).</summary>
    private const MqttClientPublishReasonCode Refused = MqttClientPublishReasonCode.TopicNameInvalid;

    /// <summary>And a subscription its rules refuse: 0x8F "topic filter invalid".</summary>
    private const MqttClientSubscribeResultCode SubscriptionRefused = MqttClientSubscribeResultCode.TopicFilterInvalid;

    private static readonly AccessRuleChecks Checks = new(Refused, SubscriptionRefused);

    private readonly SecretsOutput _out = fixture.Out;
    private readonly EjabberdCluster _cluster = fixture.Cluster;

    private int Node1 => _cluster.Node(1).Broker.Port;

    private int Node2 => _cluster.Node(2).Broker.Port;

    [Fact]
    public async Task Login_WrongPasswordUnknownUserOrNone_RefusedOnEveryNode()
    {
        MqttClientConnectResultCode[] refusals = [MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized];
        foreach (var port in new[] { Node1, Node2 })
        {
            Assert.Contains(await LockedBroker.ConnectResultAsync(port, null, null), refusals);
            Assert.Contains(await LockedBroker.ConnectResultAsync(port, "h1", "wrong"), refusals);
            Assert.Contains(await LockedBroker.ConnectResultAsync(port, "h1", _out.Password("h2")), refusals);
            Assert.Contains(await LockedBroker.ConnectResultAsync(port, "nobody", _out.Password("h2")), refusals);
            Assert.Contains(await LockedBroker.ConnectResultAsync(port, "operator", _out.Password("aggregator")), refusals);
            // mod_mqtt refuses a CONNECT without a password, whatever the user.
            Assert.Contains(await LockedBroker.ConnectResultAsync(port, "h1", null), refusals);
            // Positive controls: the users registered once are known to both nodes.
            Assert.Equal(MqttClientConnectResultCode.Success,
                await LockedBroker.ConnectResultAsync(port, "h1", _out.Password("h1"), clientId: LockedBroker.NeuronClientId("h1")));
            Assert.Equal(MqttClientConnectResultCode.Success, await LockedBroker.ConnectResultAsync(port, "operator", _out.Password("operator")));
        }
    }

    [Fact]
    public async Task Operator_SubscribesUnderTheRootItsRepliesOnly()
    {
        await using var op = await LockedBroker.LoginAsync(_out, Node1, "operator", []);

        await Checks.OperatorSubscribesUnderTheRootItsRepliesOnlyAsync(op);
    }

    [Fact]
    public async Task NeuronH1_PublishesOnlyItsOwnTopicsAndKicksOfItsConnections()
    {
        await using var watcher = await LockedBroker.LoginAsync(_out, Node2, "operator", ["pineurons/#", "pineurons-replies/#"]);
        await using var h1 = await LockedBroker.NeuronLoginAsync(_out, Node1, "h1");

        await Checks.NeuronH1PublishesOnlyItsOwnTopicsAndKicksOfItsConnectionsAsync(h1, watcher);
    }

    [Fact]
    public async Task NeuronH1_MaySubscribeToItsOwnCommandsOnlyAndReceivesNothingElse()
    {
        await using var h1 = await LockedBroker.NeuronLoginAsync(_out, Node2, "h1");
        await using var op = await LockedBroker.LoginAsync(_out, Node1, "operator", []);

        // Not $share/...: mod_mqtt has no shared subscriptions and drops the whole connection (Aggregator_SharedSubscription_...).
        await Checks.NeuronH1SubscribesToItsOwnCommandsOnlyAsync(h1, op, wider: "pineurons/+/kick");
    }

    [Fact]
    public async Task Aggregator_ReadsWhatItStoresAndSendsOnlyItsApiCommands()
    {
        await using var aggregator = await LockedBroker.LoginAsync(_out, Node1, "aggregator", [], "pineurons-aggregator");
        await using var h1 = await LockedBroker.NeuronLoginAsync(_out, Node2, "h1", "pineurons/h1/kick", "pineurons/h1/fire", "pineurons/h1/set", "pineurons/h1/teach");

        var stored = await aggregator.SubscribeAsync("pineurons/+/events", "pineurons/+/status", "pineurons/+/state");
        var wider = await aggregator.SubscribeAsync("pineurons/#", "pineurons/+/kick", "pineurons-replies/#");
        foreach (var (topic, payload) in new[] { ("pineurons/h1/events", "e"), ("pineurons/h1/status", "online"), ("pineurons/h1/state", "{}") })
        {
            await h1.PublishAsync(topic, payload);
        }

        var refused = new List<MqttClientPublishReasonCode>();
        foreach (var topic in new[] { "pineurons/h1/query", "pineurons/h1/events", "pineurons/h1/status", "pineurons-replies/x" })
        {
            refused.Add((await AccessRuleChecks.PublishAsync(aggregator, topic, Forged)).ReasonCode);
        }

        foreach (var leaf in new[] { "kick", "fire", "set", "teach" })
        {
            Assert.Equal(MqttClientPublishReasonCode.Success, (await AccessRuleChecks.PublishAsync(aggregator, $"pineurons/h1/{leaf}", leaf)).ReasonCode);
        }

        Assert.All(stored, code => Assert.Equal(Granted, code));
        Assert.All(wider, code => Assert.Equal(SubscriptionRefused, code));
        Assert.All(refused, code => Assert.Equal(Refused, code));
        await aggregator.WaitForAsync("pineurons/h1/state", "{}");
        Assert.Equal(["pineurons/h1/events", "pineurons/h1/status", "pineurons/h1/state"], aggregator.Received.Select(m => m.Topic));
        await h1.WaitForAsync("pineurons/h1/teach", "teach");
        Assert.Equal(["kick", "fire", "set", "teach"], h1.Received.Select(MqttProbe.PayloadOf));
    }

    [Fact]
    public async Task Aggregator_SharedSubscription_DropsItsWholeConnection()
    {
        await using var aggregator = await LockedBroker.LoginAsync(_out, Node1, "aggregator", [], "pineurons-aggregator-shared");

        // What the PostgreSQL override's replicas ask Mosquitto for. mod_mqtt 23.01 says SharedSubscriptionAvailable 0 in
        // its CONNACK and disconnects a client that asks anyway (0x9E), so with ejabberd one aggregator takes every event.
        await Assert.ThrowsAnyAsync<Exception>(() => aggregator.SubscribeAsync("$share/aggregators/pineurons/+/events"));

        await aggregator.Dropped.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task NeuronH1_WillOnAnotherNeuronsStatus_RefusedAtConnect_ItsOwnAccepted()
    {
        // mod_mqtt checks a will's topic against the publish rules when the client connects, not when the will is sent.
        Task<MqttClientConnectResultCode> WithWillAsync(string topic) => LockedBroker.ConnectResultAsync(
            Node1, "h1", _out.Password("h1"), b => b.WithWillTopic(topic).WithWillPayload("offline"), LockedBroker.NeuronClientId("h1"));

        Assert.Equal(MqttClientConnectResultCode.TopicNameInvalid, await WithWillAsync("pineurons/h2/status"));
        Assert.Equal(MqttClientConnectResultCode.Success, await WithWillAsync("pineurons/h1/status"));
    }

    [Theory]
    [InlineData("pineurons-h2")]
    [InlineData("pineurons-aggregator")]
    public async Task NeuronH1_WithAnothersClientId_TakesNoSessionOver(string clientId)
    {
        // ejabberd keys a session by user and client id together, so no login can reach another's session, pinned or not.
        await using var h2 = await LockedBroker.NeuronLoginAsync(_out, Node1, "h2", "pineurons/h2/set");
        await using var aggregator = await LockedBroker.LoginAsync(_out, Node2, "aggregator", ["pineurons/+/events"], "pineurons-aggregator");
        var dropped = new[] { h2.Dropped, aggregator.Dropped };
        await using var op = await LockedBroker.LoginAsync(_out, Node1, "operator", []);

        await using var h1 = await LockedBroker.LoginAsync(_out, Node2, "h1", [], clientId);

        await op.PublishAsync("pineurons/h2/set", "{\"threshold\":2}");
        await op.PublishAsync("pineurons/h2/events", "after");
        await h2.WaitForAsync("pineurons/h2/set", "{\"threshold\":2}");
        await aggregator.WaitForAsync("pineurons/h2/events", "after");
        Assert.All(dropped, d => Assert.False(d.IsCompleted, "a session was taken over"));
        Assert.True(h1.Client.IsConnected);
    }

    [Fact]
    public async Task Tls_TrustingTheGeneratedCa_LogsInOnEveryNode_AForeignCaIsRefused()
    {
        using var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(_out.PathOf("ca.crt")));
        using var foreign = ClusterCertificates.CreateAuthority(TimeProvider.System.GetUtcNow(), name: "PiNeurons cluster CA").Certificate;

        foreach (var node in _cluster.Nodes)
        {
            var tls = node.TlsBroker!.Port;
            await using var h1 = await MqttProbe.ConnectAsync("127.0.0.1", tls, Login("h1") + LockedBroker.Tls(ca), "pineurons/h1/kick");
            Assert.True(h1.Client.IsConnected);
            var ex = await Assert.ThrowsAnyAsync<Exception>(() => MqttProbe.ConnectAsync("127.0.0.1", tls, Login("h1") + LockedBroker.Tls(foreign)));
            Assert.True(LockedBroker.IsTlsFailure(ex), ex.ToString());
        }
    }

    private Action<MqttClientOptionsBuilder> Login(string neuron) =>
        b => b.WithCredentials(neuron, _out.Password(neuron)).WithClientId(LockedBroker.NeuronClientId(neuron));
}
