
namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>
/// Several aggregators share the ingest (deploy/swarm/stack.postgres.yml) under the one <c>aggregator</c> login, each with
/// a client id of its own (the stack's <c>pineurons-aggregator-&lt;task slot&gt;</c>): the dynamic-security file pins no
/// client id on that login, so the replicas' connections stand side by side and split the events of their shared
/// subscription.
/// </summary>
public sealed class AggregatorReplicasTests(GeneratedSecrets secrets) : IClassFixture<GeneratedSecrets>
{
    // What the aggregator subscribes to with --shared-group aggregators (MqttIngest).
    private static readonly string[] Subscriptions = ["$share/aggregators/pineurons/+/events", "pineurons/+/status", "pineurons/+/state"];
    private readonly SecretsOutput _out = secrets.Out;

    [Fact]
    public async Task Replicas_OneLoginTwoClientIds_BothSubscribeAndIngestTheirShareOfTheEvents()
    {
        var (broker, _) = await LockedBroker.StartAsync(_out.Dir);
        await using var __ = broker;

        await using var first = await LockedBroker.LoginAsync(_out, broker.Port, "aggregator", [], "pineurons-aggregator-1");
        await using var second = await LockedBroker.LoginAsync(_out, broker.Port, "aggregator", [], "pineurons-aggregator-2");
        var granted = new[] { await first.SubscribeAsync(Subscriptions), await second.SubscribeAsync(Subscriptions) };
        await using var h1 = await LockedBroker.NeuronLoginAsync(_out, broker.Port, "h1");
        for (var i = 0; i < 20; i++)
        {
            await h1.PublishAsync("pineurons/h1/events", "{}");
        }

        Assert.All(granted.SelectMany(g => g), code => Assert.Equal(MQTTnet.MqttClientSubscribeResultCode.GrantedQoS1, code));
        // The group splits the 20 events between the two; both sessions stayed up to take their share.
        await first.WaitForAsync(m => m.Topic == "pineurons/h1/events");
        await second.WaitForAsync(m => m.Topic == "pineurons/h1/events");
        Assert.False(first.Dropped.IsCompleted || second.Dropped.IsCompleted, "one replica's login took the other's connection");
    }
}
