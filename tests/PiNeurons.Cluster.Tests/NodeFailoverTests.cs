using System.Diagnostics;
using System.Globalization;
using PiNeurons.Testing;

namespace PiNeurons.Cluster.Tests;

/// <summary>
/// The XOR network with its Pis split over the two nodes of a cluster, so that hops cross between broker nodes; then one
/// broker node killed: the neurons that were on it move to the other, and XOR is right again.
/// </summary>
[Trait("Requires", "ejabberd")]
public sealed class NodeFailoverTests(TwoNodeCluster fixture) : IClassFixture<TwoNodeCluster>
{
    [Fact]
    public async Task Xor_SplitOverTwoBrokerNodes_IsRight_AndAfterOneNodeIsKilledEveryNeuronIsBackAndRight()
    {
        var cluster = fixture.Cluster;
        using var login = new ClusterLogin();
        var firstOnNode1 = login.On(cluster.Node(1), cluster.Node(2));
        var firstOnNode2 = login.On(cluster.Node(2), cluster.Node(1));
        await using var scenario = await Scenario.StartAsync(firstOnNode2, subscriptions => Probes.OnAsync(cluster.Node(2), subscriptions));
        var mark = scenario.Mark();
        // x, h1, h3 on broker node 1; y, h2, z on node 2: every path from x to z crosses between the nodes.
        for (var i = 0; i < XorTruthTable.Hosts.Count; i++)
        {
            scenario.StartNodeOn(i % 2 == 0 ? firstOnNode1 : firstOnNode2, "--manifest", RepoFile.XorManifest, "--node", XorTruthTable.Hosts[i], "--gpio", "simulated");
        }

        await scenario.WaitOnlineAsync(mark, [.. XorTruthTable.Neurons]);
        await XorTruthTable.AssertAsync(scenario);

        mark = scenario.Mark();
        var sinceKill = Stopwatch.StartNew();
        await cluster.KillAsync(1);
        await scenario.WaitOnlineAsync(mark, "x", "h1", "h3");
        var back = sinceKill.Elapsed;
        await XorTruthTable.AssertAsync(scenario);

        ClusterReport.Write("failover", string.Create(CultureInfo.InvariantCulture,
            $"node failover: kill -9 of broker node 1 -> x, h1, h3 online again on node 2 in {back.TotalMilliseconds:0} ms; XOR played right {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill"));
    }
}
