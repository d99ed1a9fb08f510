using PiNeurons.Testing;

namespace PiNeurons.Cluster.Tests;

/// <summary>
/// The protocol as an MQTT user drives it, with the neuron on one broker node and the user on the other: every command
/// and every answer crosses between the nodes.
/// </summary>
[Trait("Requires", "ejabberd")]
public sealed class ProtocolAcrossNodesTests(TwoNodeCluster fixture) : IClassFixture<TwoNodeCluster>
{
    [Fact]
    public async Task NeuronOnNode1_DrivenFromNode2_AnswersEveryCommandAcross()
    {
        var cluster = fixture.Cluster;
        using var login = new ClusterLogin();
        await using var scenario = await Scenario.StartAsync(login.On(cluster.Node(2)), subscriptions => Probes.OnAsync(cluster.Node(2), subscriptions));
        var mark = scenario.Mark();
        scenario.StartNodeOn(login.On(cluster.Node(1)), "--neurons", "a");
        await scenario.WaitOnlineAsync(mark, "a");

        // query with a response topic and correlation data (MQTT 5): the reply comes back across, correlated.
        var correlation = Guid.NewGuid().ToByteArray();
        var (reply, _) = await scenario.QueryWithReplyAsync("a", string.Empty, correlation);
        Assert.Equal(correlation, reply.CorrelationData);
        Assert.Equal("a", Scenario.Text(Scenario.Json(reply)!.Value, "id"));

        // set: its config event comes back across, and the neuron answers with the new threshold.
        await scenario.SetAsync("a", """{"threshold":0.5}""");
        Assert.Equal(0.5, (await scenario.QueryAsync("a")).GetProperty("config").GetProperty("threshold").GetDouble());

        // kick and fire: the neuron's events cross back.
        mark = scenario.Mark();
        await scenario.PublishAsync("a", "kick", string.Empty);
        await scenario.WaitEventAsync(mark, "a", "fired");
        mark = scenario.Mark();
        await scenario.PublishAsync("a", "fire", string.Empty);
        await scenario.WaitEventAsync(mark, "a", "fired", e => Scenario.Text(e, "from") == "fire");

        // bad input: an error event that says why, and the neuron unchanged.
        mark = scenario.Mark();
        await scenario.PublishAsync("a", "set", "{not json");
        var error = await scenario.WaitEventAsync(mark, "a", "error");
        Assert.False(string.IsNullOrEmpty(Scenario.Text(error, "reason")));
        var state = await scenario.QueryAsync("a");
        Assert.Equal(0.5, state.GetProperty("config").GetProperty("threshold").GetDouble());
    }
}
