using System.Text.Json;
using PiNeurons.Aggregator.Tests.Storage;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Api;

/// <summary>Two aggregator replicas on one PostgreSQL history, splitting the events by a shared subscription.</summary>
public sealed class ReplicaTests(BrokerFixture fixture, PostgresServer postgres) : IClassFixture<BrokerFixture>, IClassFixture<PostgresServer>
{
    [Fact]
    public async Task TwoReplicas_SharingTheIngest_StoreEveryEventOnce_AndBothServeTheWholeHistory()
    {
        var database = await postgres.CreateDatabaseAsync();
        var connectionFile = Path.Combine(Directory.CreateTempSubdirectory("pineurons-replicas-").FullName, "postgres");
        await File.WriteAllTextAsync(connectionFile, postgres.ConnectionString(database) + "\n");
        var root = "rep" + Guid.NewGuid().ToString("N")[..8];
        AggregatorFactory Replica(string name) => new(fixture.Broker, root, settings: new Dictionary<string, string?>
        {
            ["Aggregator:PostgresFile"] = connectionFile,
            ["Aggregator:SharedGroup"] = "aggregators",
            ["Aggregator:ClientId"] = $"{root}-{name}",
        });
        await using var a = Replica("a");
        await using var b = Replica("b");
        using var httpA = a.CreateClient();
        using var httpB = b.CreateClient();
        await ApiTests.WaitHealthyAsync(a, httpA);
        await ApiTests.WaitHealthyAsync(b, httpB);
        await using var stream = await SseReader.OpenAsync(httpA, "/api/stream");
        await using var probe = await MqttProbe.ConnectAsync(fixture.Broker.Url);
        var neurons = new ProtocolPublisher(probe, root);

        const int Events = 400;
        for (var i = 0; i < Events; i++)
        {
            await neurons.EventAsync($"n{i % 4}", (i / 4) + 1, "kicked");
        }

        // Replica A's page sees every event, whichever replica stored it.
        var seen = new HashSet<string>();
        while (seen.Count < Events)
        {
            var message = await stream.NextAsync(m => m.Event == "neuron-event");
            var data = JsonDocument.Parse(message.Data).RootElement;
            seen.Add($"{data.GetProperty("neuron").GetString()}:{data.GetProperty("seq").GetInt64()}");
        }

        var fromB = JsonDocument.Parse(await httpB.GetStringAsync("/api/events?limit=1000")).RootElement.GetProperty("events");
        var metricsA = await httpA.GetStringAsync("/metrics");
        var metricsB = await httpB.GetStringAsync("/metrics");

        Assert.Equal(Events, seen.Count);
        Assert.Equal(Events, fromB.GetArrayLength());
        Assert.Equal(Events, fromB.EnumerateArray().Select(e => $"{e.GetProperty("neuron").GetString()}:{e.GetProperty("seq").GetInt64()}").Distinct().Count());
        // The broker really split the work: each replica ingested a share, none all of it.
        Assert.InRange(IngestedBy(metricsA), 1, Events - 1);
        Assert.Equal(Events, IngestedBy(metricsA) + IngestedBy(metricsB));
    }

    private static long IngestedBy(string metrics) =>
        metrics.Split('\n')
            .Where(l => l.StartsWith("pineurons_aggregator_events_ingested_total{", StringComparison.Ordinal))
            .Sum(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
}
