using System.Globalization;
using System.Text.Json;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Api;

/// <summary>
/// Two aggregator replicas on one PostgreSQL history: splitting the events by a shared subscription, or, without a
/// shared group (a broker that has none), each taking every event while the store keeps one copy.
/// </summary>
public sealed class ReplicaTests(BrokerFixture fixture, PostgresServer postgres) : IClassFixture<BrokerFixture>, IClassFixture<PostgresServer>
{
    [Fact]
    public async Task TwoReplicas_SharingTheIngest_StoreEveryEventOnce_AndBothServeTheWholeHistory()
    {
        await using var replicas = await StartReplicasAsync(sharedGroup: "aggregators");
        var (httpA, httpB) = (replicas.HttpA, replicas.HttpB);
        await using var stream = await SseReader.OpenAsync(httpA, "/api/stream");
        await using var probe = await MqttProbe.ConnectAsync(fixture.Broker.Url);
        var neurons = new ProtocolPublisher(probe, replicas.Root);

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
        Assert.All(new[] { metricsA, metricsB }, m => Assert.Contains("pineurons_aggregator_ingest_mode{mode=\"shared\"} 1\n", m, StringComparison.Ordinal));
        Assert.Contains("\"ingest\":\"shared\"", await httpB.GetStringAsync("/healthz"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoReplicas_WithoutASharedGroup_EachTakesEveryEvent_TheStoreKeepsOneCopyOfEach()
    {
        await using var replicas = await StartReplicasAsync(sharedGroup: null);
        var (httpA, httpB) = (replicas.HttpA, replicas.HttpB);
        await using var stream = await SseReader.OpenAsync(httpA, "/api/stream");
        await using var probe = await MqttProbe.ConnectAsync(fixture.Broker.Url);
        var neurons = new ProtocolPublisher(probe, replicas.Root);

        // Every fifth from a neuron whose clock is not set yet: each replica files those at its own arrival time.
        const int Events = 200;
        for (var i = 0; i < Events; i++)
        {
            var (id, seq) = ($"n{i % 4}", (i / 4) + 1L);
            await (i % 5 == 0
                ? neurons.EventAsync(id, seq, "kicked", "x", DateTimeOffset.UnixEpoch.AddMilliseconds(i), extra: ",\"clock\":\"unsynchronized\"")
                : neurons.EventAsync(id, seq, i % 2 == 0 ? "kicked" : "fired", "x"));
        }

        // One publisher, one session per replica: the broker delivers this after the events, and a new neuron's status
        // is announced on the live feed once the batches before it are stored or skipped: the moment to read.
        await neurons.StatusAsync("marker", "online");
        var metricsA = await Eventually.MatchAsync(replicas.A, () => httpA.GetStringAsync("/metrics"), m => Taken(m) == Events, "replica A took every event");
        var metricsB = await Eventually.MatchAsync(replicas.B, () => httpB.GetStringAsync("/metrics"), m => Taken(m) == Events, "replica B took every event");
        var events = JsonDocument.Parse(await httpB.GetStringAsync("/api/events?limit=1000")).RootElement.GetProperty("events");
        // The counters a page shows are read back from the store: they add up to the history, not to what each replica took.
        var counted = await Eventually.MatchAsync(replicas.A, async () => CountedEvents(await httpA.GetStringAsync("/api/neurons")), n => n >= Events, "the counters of every event");

        // A's page showed each event once: an event stored after them all comes next, with nothing repeated before it.
        await neurons.EventAsync("marker", 1, "kicked");
        var pushed = new List<string>();
        while (true)
        {
            var data = JsonDocument.Parse((await stream.NextAsync(m => m.Event == "neuron-event")).Data).RootElement;
            var key = $"{data.GetProperty("neuron").GetString()}:{data.GetProperty("seq").GetInt64()}";
            if (key == "marker:1")
            {
                break;
            }

            pushed.Add(key);
        }

        Assert.Equal(Events, events.GetArrayLength());
        Assert.Equal(Events, events.EnumerateArray().Select(e => $"{e.GetProperty("neuron").GetString()}:{e.GetProperty("seq").GetInt64()}").Distinct().Count());
        Assert.Equal(Events, counted);
        Assert.Equal(Events, pushed.Count);
        Assert.Equal(Events, pushed.Distinct().Count());
        // Each event was stored by one replica and skipped by the other.
        Assert.Equal(Events, IngestedBy(metricsA) + IngestedBy(metricsB));
        Assert.Equal(Events, Duplicates(metricsA) + Duplicates(metricsB));
        Assert.All(new[] { metricsA, metricsB }, m => Assert.Contains("pineurons_aggregator_ingest_mode{mode=\"all\"} 1\n", m, StringComparison.Ordinal));
        Assert.Contains("\"ingest\":\"all\"", await httpA.GetStringAsync("/healthz"), StringComparison.Ordinal);
    }

    private async Task<Replicas> StartReplicasAsync(string? sharedGroup)
    {
        var database = await postgres.CreateDatabaseAsync();
        var connectionFile = Path.Combine(Directory.CreateTempSubdirectory("pineurons-replicas-").FullName, "postgres");
        await File.WriteAllTextAsync(connectionFile, postgres.ConnectionString(database) + "\n");
        var root = "rep" + Guid.NewGuid().ToString("N")[..8];
        // Each replica has a client id of its own, as deploy/swarm/stack.postgres.yml gives them: one id would be one
        // session, which the broker takes from one replica to give to the other.
        AggregatorFactory Replica(string name)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Aggregator:PostgresFile"] = connectionFile,
                ["Aggregator:ClientId"] = $"{root}-{name}",
            };
            if (sharedGroup is not null)
            {
                settings["Aggregator:SharedGroup"] = sharedGroup;
            }

            return new(fixture.Broker, root, settings: settings);
        }

        var replicas = new Replicas(root, Replica("a"), Replica("b"));
        try
        {
            await ApiTests.WaitHealthyAsync(replicas.A, replicas.HttpA);
            await ApiTests.WaitHealthyAsync(replicas.B, replicas.HttpB);
            return replicas;
        }
        catch
        {
            await replicas.DisposeAsync();
            throw;
        }
    }

    private static long CountedEvents(string neurons) =>
        JsonDocument.Parse(neurons).RootElement.EnumerateArray()
            .Where(n => n.GetProperty("counters").ValueKind == JsonValueKind.Object)
            .Sum(n => n.GetProperty("counters").GetProperty("events").GetInt64());

    // Every event a replica received is either stored by it or skipped as a copy.
    private static long Taken(string metrics) => IngestedBy(metrics) + Duplicates(metrics);

    private static long IngestedBy(string metrics) =>
        metrics.Split('\n')
            .Where(l => l.StartsWith("pineurons_aggregator_events_ingested_total{", StringComparison.Ordinal))
            .Sum(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static long Duplicates(string metrics) =>
        long.Parse(metrics.Split('\n').Single(l => l.StartsWith("pineurons_aggregator_events_duplicate_total ", StringComparison.Ordinal)).Split(' ')[1], CultureInfo.InvariantCulture);

    private sealed class Replicas(string root, AggregatorFactory a, AggregatorFactory b) : IAsyncDisposable
    {
        public string Root { get; } = root;

        public AggregatorFactory A { get; } = a;

        public AggregatorFactory B { get; } = b;

        public HttpClient HttpA { get; } = a.CreateClient();

        public HttpClient HttpB { get; } = b.CreateClient();

        public async ValueTask DisposeAsync()
        {
            HttpA.Dispose();
            HttpB.Dispose();
            await A.DisposeAsync();
            await B.DisposeAsync();
        }
    }
}
