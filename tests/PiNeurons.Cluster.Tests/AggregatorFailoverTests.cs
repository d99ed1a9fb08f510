using System.Globalization;
using System.Text.Json;
using PiNeurons.Testing;

namespace PiNeurons.Cluster.Tests;

/// <summary>
/// Two aggregator replicas on one PostgreSQL history, one on each broker node. ejabberd has no shared subscriptions, so
/// each takes every event and the store keeps one copy; when a broker node dies, the replica on the other keeps storing
/// while the first moves over.
/// </summary>
[Trait("Requires", "ejabberd")]
public sealed class AggregatorFailoverTests(TwoNodeCluster fixture, PostgresServer postgres) : IClassFixture<TwoNodeCluster>, IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ReplicasOnBothNodes_OneNodeKilledMidStream_StoreEveryEventSeenOnce()
    {
        var cluster = fixture.Cluster;
        using var login = new ClusterLogin();
        using var state = new TempFolder();
        var connectionFile = Path.Combine(state.Path, "postgres");
        await File.WriteAllTextAsync(connectionFile, postgres.ConnectionString(await postgres.CreateDatabaseAsync()) + "\n");
        var onNode1 = login.On(cluster.Node(1), cluster.Node(2));
        var onNode2 = login.On(cluster.Node(2), cluster.Node(1));
        await using var scenario = await Scenario.StartAsync(onNode2, subscriptions => Probes.OnAsync(cluster.Node(2), subscriptions), "+/status", "+/events");
        // The group is asked for and ignored: the broker's CONNACK says it has no shared subscriptions.
        string[] Replica(string[] brokers) => [.. brokers, "--postgres-file", connectionFile, "--shared-group", "aggregators"];
        await using var replicaA = AggregatorProcess.Start(Replica(onNode1), scenario.Root, Path.Combine(state.Path, "a"), scenario.Root + "-agg-a");
        await using var replicaB = AggregatorProcess.Start(Replica(onNode2), scenario.Root, Path.Combine(state.Path, "b"), scenario.Root + "-agg-b");
        string Describe() => $"replica A:\n{replicaA.Output}\nreplica B:\n{replicaB.Output}\n{scenario.DescribeNodes()}";
        foreach (var replica in new[] { replicaA, replicaB })
        {
            await Polling.UntilAsync(() => replica.Http.GetStringAsync("/healthz"), h => h.Contains("\"mqtt\":\"connected\"", StringComparison.Ordinal), "a connected replica", Describe, Timeout);
        }

        var mark = scenario.Mark();
        scenario.StartNodeOn(onNode1, "--neurons", "a");
        scenario.StartNodeOn(onNode2, "--neurons", "b");
        await scenario.WaitOnlineAsync(mark, "a", "b");

        // The kicks go through a client of their own: a publish at the moment a node dies may be answered by a
        // DISCONNECT (0x83) from the surviving node, and the kicker, like any client, then reconnects.
        var kicker = new Kicker(() => Probes.OnAsync(cluster.Node(2)));
        const int Rounds = 40;
        for (var i = 0; i < Rounds; i++)
        {
            if (i == Rounds / 2)
            {
                await cluster.KillAsync(1);
            }

            await kicker.KickAsync(scenario.Topic(i % 2 == 0 ? "a" : "b", "kick"));
            await Task.Delay(TimeSpan.FromMilliseconds(50)); // a stream, not a burst: kicks keep coming while a moves
        }

        await kicker.DisposeAsync();

        await scenario.WaitQuietAsync(t => t.EndsWith("/events", StringComparison.Ordinal), TimeSpan.FromSeconds(2));
        var seen = scenario.Events(mark, "a").Concat(scenario.Events(mark, "b")).Select(Key).ToHashSet();
        var stored = await Polling.UntilAsync(
            () => replicaB.Http.GetStringAsync("/api/events?limit=1000"),
            json => seen.IsSubsetOf(StoredKeys(json)),
            $"the {seen.Count} events seen on node 2 in the store",
            Describe,
            Timeout);

        var keys = StoredKeys(stored);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Superset(seen, keys.ToHashSet());
        foreach (var replica in new[] { replicaA, replicaB })
        {
            Assert.Contains("\"ingest\":\"all\"", await replica.Http.GetStringAsync("/healthz"), StringComparison.Ordinal);
        }

        var duplicates = Duplicates(await replicaA.Http.GetStringAsync("/metrics")) + Duplicates(await replicaB.Http.GetStringAsync("/metrics"));
        Assert.True(duplicates > 0, $"each replica takes every event, so copies are skipped; none were\n{Describe()}");
        ClusterReport.Write("aggregator", string.Create(CultureInfo.InvariantCulture,
            $"aggregator replicas on both broker nodes, node 1 killed mid-stream: {keys.Count} events stored once ({seen.Count} seen on node 2), {duplicates} copies skipped, the kicker reconnected {kicker.Reconnects} times"));
    }

    private static string Key(JsonElement e) => $"{Scenario.Text(e, "id")}:{e.GetProperty("seq").GetInt64()}";

    private static List<string> StoredKeys(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("events").EnumerateArray()
            .Select(e => $"{e.GetProperty("neuron").GetString()}:{e.GetProperty("seq").GetInt64()}")];

    private static long Duplicates(string metrics) =>
        long.Parse(metrics.Split('\n').Single(l => l.StartsWith("pineurons_aggregator_events_duplicate_total ", StringComparison.Ordinal)).Split(' ')[1], CultureInfo.InvariantCulture);
}
