using System.Text.Json;
using PiNeurons.Testing;

namespace PiNeurons.Cluster.Tests;

/// <summary>
/// A broker node dies with its clients: no will is published anywhere (the other node never hears the neuron go), so
/// the aggregator, on the other node, tells it by the missing heartbeats.
/// </summary>
[Trait("Requires", "ejabberd")]
public sealed class HeartbeatAcrossNodesTests(TwoNodeCluster fixture) : IClassFixture<TwoNodeCluster>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task BrokerNodeKilled_ItsNeuronWithNowhereToGo_IsOfflineOnTheAggregatorForMissedHeartbeats()
    {
        var cluster = fixture.Cluster;
        using var login = new ClusterLogin();
        var root = "hb" + Guid.NewGuid().ToString("N")[..8];
        using var state = new TempFolder();
        await using var aggregator = AggregatorProcess.Start(login.On(cluster.Node(2)), root, state.Path, root + "-agg");
        // Given node 1 alone, the neuron cannot move: it stays away, as a Pi that lost its broker node does.
        await using var node = NodeProcess.Start([.. login.On(cluster.Node(1)), "--neurons", "a", "--root", root, "--heartbeat", "1"]);
        await Polling.UntilAsync(() => aggregator.Http.GetStringAsync("/api/neurons/a"), json => Liveness(json) == "online" && Status(json) == "online", "a online", Describe, Timeout);

        await cluster.KillAsync(1);
        var after = await Polling.UntilAsync(() => aggregator.Http.GetStringAsync("/api/neurons/a"), json => Liveness(json) == "offline", "a offline", Describe, Timeout);

        var neuron = JsonDocument.Parse(after).RootElement;
        Assert.Equal("missed 3 heartbeats", neuron.GetProperty("livenessReason").GetString());
        // Its retained status still says online: only the heartbeat rule knows better.
        Assert.True(Status(after) == "online", after);

        string Describe() => $"aggregator:\n{aggregator.Output}\n{node.Describe()}";
    }

    private static string? Liveness(string json) => JsonDocument.Parse(json).RootElement.GetProperty("liveness").GetString();

    private static string? Status(string json) => JsonDocument.Parse(json).RootElement.GetProperty("status").GetString();
}
