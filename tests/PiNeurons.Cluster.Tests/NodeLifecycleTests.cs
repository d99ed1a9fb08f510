using System.Globalization;
using PiNeurons.Testing;
using Xunit.Abstractions;

namespace PiNeurons.Cluster.Tests;

/// <summary>The fixture's own promises on a cluster of its own: every node joined, a killed node's clients dropped while
/// the others carry on, a restarted node back in the cluster, a stopped one gone cleanly.</summary>
[Trait("Requires", "ejabberd")]
public sealed class NodeLifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Start_TwoNodes_EachListsBothAsItsCluster()
    {
        await using var cluster = await EjabberdCluster.StartAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"2-node cluster started in {cluster.StartDuration.TotalSeconds:0.0} s"));

        var members = await cluster.Node(2).ControlAsync("list_cluster");

        Assert.True(members.ExitCode == 0, members.ToString());
        Assert.Equal(cluster.Nodes.Select(n => n.Name).Order(), members.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
        Assert.NotEqual(cluster.Node(1).Broker, cluster.Node(2).Broker);
    }

    [Fact]
    public async Task Kill_Node2_DropsItsClients_Node1CarriesOn_AndRestartBringsNode2BackIntoTheCluster()
    {
        await using var cluster = await EjabberdCluster.StartAsync();
        await using var onNode2 = await Probes.OnAsync(cluster.Node(2), "life/#");
        await using var subscriber = await Probes.OnAsync(cluster.Node(1), "life/#");
        await using var publisher = await Probes.OnAsync(cluster.Node(1));

        await cluster.KillAsync(2);

        await onNode2.Dropped.WaitAsync(TimeSpan.FromSeconds(10));
        await publisher.PublishAsync("life/after-kill", "1");
        await subscriber.WaitForAsync("life/after-kill", "1");

        await cluster.RestartAsync(2);
        await using var back = await Probes.OnAsync(cluster.Node(2), "life/#");
        await publisher.PublishAsync("life/after-restart", "2");
        await back.WaitForAsync("life/after-restart", "2");
    }

    [Fact]
    public async Task Stop_Node1_Node2ServesAlone()
    {
        await using var cluster = await EjabberdCluster.StartAsync();
        await using var onNode1 = await Probes.OnAsync(cluster.Node(1), "stop/#");

        await cluster.StopAsync(1);

        await onNode1.Dropped.WaitAsync(TimeSpan.FromSeconds(10));
        await using var subscriber = await Probes.OnAsync(cluster.Node(2), "stop/#");
        await using var publisher = await Probes.OnAsync(cluster.Node(2));
        await publisher.PublishAsync("stop/alone", "3");
        await subscriber.WaitForAsync("stop/alone", "3");
    }
}
