using System.Text.Json;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Api;

/// <summary>
/// Per-connection latency end to end: a publisher speaks for the chain x -&gt; h1 -&gt; z over a real Mosquitto, with
/// fired and kicked events stamped 3 ms and 7 ms apart, and the real aggregator shows the delays in
/// <c>/api/topology</c> and <c>/metrics</c>.
/// </summary>
public sealed class EdgeLatencyApiTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = ProtocolPublisher.T0;

    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync(fixture.Broker);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Chain_FiredAndKickedEventsThreeAndSevenMsApart_TopologyAndMetricsShowEachEdgesDelay()
    {
        await _api.Neurons.StateAsync("x", 0.9, ["h1"], "{}");
        await _api.Neurons.StateAsync("h1", 0.9, ["z"], "{\"x\":1}");
        await _api.Neurons.StateAsync("z", 0.9, [], "{\"h1\":1}");
        for (var i = 0; i < 3; i++)
        {
            var t = T0.AddSeconds(i);
            await _api.Neurons.EventAsync("x", 1 + i, "fired", "external", t, hop: 1);
            await _api.Neurons.EventAsync("h1", 1 + (2 * i), "kicked", "x", t.AddMilliseconds(3), hop: 1);
            // Here the kick downstream reaches the aggregator before the firing that caused it.
            await _api.Neurons.EventAsync("z", 1 + i, "kicked", "h1", t.AddMilliseconds(10), hop: 2);
            await _api.Neurons.EventAsync("h1", 2 + (2 * i), "fired", "x", t.AddMilliseconds(3), hop: 2);
        }

        var topology = await Eventually.MatchAsync(
            _api.Factory,
            () => GetJsonAsync("/api/topology"),
            j => Latency(j, "x", "h1") is { ValueKind: JsonValueKind.Object } a && a.GetProperty("count").GetInt64() == 3
                && Latency(j, "h1", "z") is { ValueKind: JsonValueKind.Object } b && b.GetProperty("count").GetInt64() == 3,
            "three pairs on each edge");

        var xh1 = Latency(topology, "x", "h1");
        Assert.Equal((3L, 3L, 3L, 3L), (xh1.GetProperty("p50Ms").GetInt64(), xh1.GetProperty("p90Ms").GetInt64(), xh1.GetProperty("p99Ms").GetInt64(), xh1.GetProperty("maxMs").GetInt64()));
        Assert.Equal([(0.5, 0L), (1, 0), (2, 0), (5, 3)], Buckets(xh1));
        Assert.Equal((0L, 0, 0L), (xh1.GetProperty("unsynchronizedPairs").GetInt64(), xh1.GetProperty("unsynchronized").GetArrayLength(), xh1.GetProperty("skewedPairs").GetInt64()));
        Assert.Equal(JsonValueKind.Null, xh1.GetProperty("maxSkewMs").ValueKind);
        var h1z = Latency(topology, "h1", "z");
        Assert.Equal((7L, 7L), (h1z.GetProperty("p50Ms").GetInt64(), h1z.GetProperty("maxMs").GetInt64()));
        Assert.Equal([(0.5, 0L), (1, 0), (2, 0), (5, 0), (10, 3)], Buckets(h1z));

        var metrics = await _api.Http.GetStringAsync("/metrics");
        Assert.Contains("# TYPE pineurons_aggregator_edge_latency_seconds histogram\n", metrics, StringComparison.Ordinal);
        foreach (var line in new[]
        {
            "pineurons_aggregator_edge_latency_seconds_bucket{from=\"x\",to=\"h1\",le=\"0.002\"} 0",
            "pineurons_aggregator_edge_latency_seconds_bucket{from=\"x\",to=\"h1\",le=\"0.005\"} 3",
            "pineurons_aggregator_edge_latency_seconds_bucket{from=\"x\",to=\"h1\",le=\"5\"} 3",
            "pineurons_aggregator_edge_latency_seconds_bucket{from=\"x\",to=\"h1\",le=\"+Inf\"} 3",
            "pineurons_aggregator_edge_latency_seconds_sum{from=\"x\",to=\"h1\"} 0.009",
            "pineurons_aggregator_edge_latency_seconds_count{from=\"x\",to=\"h1\"} 3",
            "pineurons_aggregator_edge_latency_seconds_bucket{from=\"h1\",to=\"z\",le=\"0.005\"} 0",
            "pineurons_aggregator_edge_latency_seconds_bucket{from=\"h1\",to=\"z\",le=\"0.01\"} 3",
            "pineurons_aggregator_edge_latency_seconds_sum{from=\"h1\",to=\"z\"} 0.021",
            "pineurons_aggregator_edge_pairs_unsynchronized_total{from=\"h1\",to=\"z\"} 0",
        })
        {
            Assert.Contains(line + "\n", metrics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pairs_WithAnUnsynchronizedClockOrClocksThatDisagree_AreCountedNotMeasured_AndAnEdgeWithoutPairsHasNoLatency()
    {
        await _api.Neurons.StateAsync("x", 0.9, ["h1", "h2", "h3"], "{}");
        await _api.Neurons.StateAsync("h1", 0.9, [], "{\"x\":1}");
        await _api.Neurons.StateAsync("h2", 0.9, [], "{\"x\":1}");
        await _api.Neurons.StateAsync("h3", 0.9, [], "{\"x\":1}");
        await _api.Neurons.EventAsync("x", 1, "fired", "external", T0, hop: 1);
        // h1 has no time yet: its at is 1970.
        await _api.Neurons.EventAsync("h1", 1, "kicked", "x", new DateTimeOffset(1970, 1, 1, 0, 0, 9, TimeSpan.Zero), hop: 1, extra: ",\"clock\":\"unsynchronized\"");
        // h2's clock is 12 ms behind x's.
        await _api.Neurons.EventAsync("h2", 1, "kicked", "x", T0.AddMilliseconds(-12), hop: 1);

        var topology = await Eventually.MatchAsync(
            _api.Factory,
            () => GetJsonAsync("/api/topology"),
            j => Latency(j, "x", "h1").ValueKind == JsonValueKind.Object && Latency(j, "x", "h2").ValueKind == JsonValueKind.Object,
            "pairs on x -> h1 and x -> h2");

        var unsynchronized = Latency(topology, "x", "h1");
        Assert.Equal((0L, 1L), (unsynchronized.GetProperty("count").GetInt64(), unsynchronized.GetProperty("unsynchronizedPairs").GetInt64()));
        Assert.Equal(["h1"], unsynchronized.GetProperty("unsynchronized").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(JsonValueKind.Null, unsynchronized.GetProperty("p50Ms").ValueKind);
        var skewed = Latency(topology, "x", "h2");
        Assert.Equal((0L, 1L, 12L), (skewed.GetProperty("count").GetInt64(), skewed.GetProperty("skewedPairs").GetInt64(), skewed.GetProperty("maxSkewMs").GetInt64()));
        Assert.Equal(JsonValueKind.Null, Latency(topology, "x", "h3").ValueKind);
        var metrics = await _api.Http.GetStringAsync("/metrics");
        Assert.Contains("pineurons_aggregator_edge_pairs_unsynchronized_total{from=\"x\",to=\"h1\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("pineurons_aggregator_edge_pairs_clock_skew_total{from=\"x\",to=\"h2\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("pineurons_aggregator_edge_clock_skew_max_seconds{from=\"x\",to=\"h2\"} 0.012\n", metrics, StringComparison.Ordinal);
    }

    private static JsonElement Latency(JsonElement topology, string from, string to) =>
        topology.GetProperty("edges").EnumerateArray()
            .Where(e => e.GetProperty("from").GetString() == from && e.GetProperty("to").GetString() == to)
            .Select(e => e.GetProperty("latency"))
            .FirstOrDefault();

    private static List<(double, long)> Buckets(JsonElement latency) =>
        [.. latency.GetProperty("buckets").EnumerateArray().Select(b => (b.GetProperty("leMs").GetDouble(), b.GetProperty("count").GetInt64()))];

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await _api.Http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
