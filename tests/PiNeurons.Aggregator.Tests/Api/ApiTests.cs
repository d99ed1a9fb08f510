using Microsoft.Extensions.DependencyInjection;
using PiNeurons.Aggregator.Api;
using PiNeurons.Aggregator.Ingest;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Api;

public sealed class ApiTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private AggregatorFactory _factory = null!;
    private HttpClient _http = null!;
    private ProtocolPublisher _neurons = null!;

    public async Task InitializeAsync()
    {
        _factory = new AggregatorFactory(fixture.Broker);
        _http = _factory.CreateClient();
        await WaitHealthyAsync(_factory, _http);
        _neurons = new ProtocolPublisher(await MqttProbe.ConnectAsync(fixture.Broker.Url), _factory.Root);
    }

    public async Task DisposeAsync()
    {
        await _neurons.Probe.DisposeAsync();
        _http.Dispose();
        await _factory.DisposeAsync();
    }

    /// <summary>Waits until the aggregator's MQTT session is subscribed, then checks that /healthz says so.</summary>
    internal static async Task WaitHealthyAsync(AggregatorFactory factory, HttpClient http)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await factory.Services.GetRequiredService<MqttIngest>().WaitUntilConnectedAsync(timeout.Token);
        using var health = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await _http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The JSON, or an undefined element while the resource does not exist yet.</summary>
    private async Task<JsonElement> TryGetJsonAsync(string url)
    {
        using var response = await _http.GetAsync(url);
        return response.StatusCode == HttpStatusCode.NotFound ? default : JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static bool HasCounters(JsonElement neuron, long events) =>
        neuron.ValueKind == JsonValueKind.Object && neuron.GetProperty("counters") is { ValueKind: JsonValueKind.Object } c && c.GetProperty("events").GetInt64() == events;

    private Task<JsonElement> WaitEventsAsync(string query, int count) =>
        Eventually.MatchAsync(_factory, () => GetJsonAsync("/api/events?" + query), j => j.GetProperty("events").GetArrayLength() >= count, $"{count} events for {query}");

    [Fact]
    public async Task Events_PublishedByNeurons_AreServedNewestFirstWithEveryField()
    {
        await _neurons.EventAsync("x", 1, "kicked", "external");
        await _neurons.EventAsync("x", 2, "fired", "external");
        await _neurons.EventAsync("h1", 1, "kicked", "x");

        var page = await WaitEventsAsync("limit=10", 3);

        var events = page.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["h1", "x", "x"], events.Select(e => e.GetProperty("neuron").GetString()));
        Assert.Equal(["kicked", "fired", "kicked"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.True(events[0].GetProperty("id").GetInt64() > events[1].GetProperty("id").GetInt64());
        Assert.Equal("x", events[0].GetProperty("from").GetString());
        Assert.Equal("2026-11-27T18:00:00.002Z", events[1].GetProperty("at").GetString());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Events_Filters_NarrowByNeuronTypeAndTime_AndPagesWalkEverythingOnce()
    {
        for (var seq = 1; seq <= 25; seq++)
        {
            await _neurons.EventAsync(seq % 2 == 0 ? "a" : "b", (seq + 1) / 2, seq % 5 == 0 ? "fired" : "kicked");
        }

        await WaitEventsAsync("limit=100.0", 25);

        var onlyA = await GetJsonAsync("/api/events?neuron=a&limit=100");
        Assert.Equal(12, onlyA.GetProperty("events").GetArrayLength());
        Assert.All(onlyA.GetProperty("events").EnumerateArray(), e => Assert.Equal("a", e.GetProperty("neuron").GetString()));

        var fired = await GetJsonAsync("/api/events?type=fired");
        Assert.Equal(5, fired.GetProperty("events").GetArrayLength());

        // b's seq n happened at T0 + n ms: since is inclusive, until exclusive.
        var window = await GetJsonAsync("/api/events?neuron=b&since=2026-11-27T18:00:00.003Z&until=2026-11-27T18:00:00.006Z");
        Assert.Equal([5L, 4L, 3L], window.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));

        var seen = new List<long>();
        var url = "/api/events?limit=10";
        while (true)
        {
            var page = await GetJsonAsync(url);
            seen.AddRange(page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
            if (page.GetProperty("next").GetString() is not { } next)
            {
                break;
            }

            url = next;
        }

        Assert.Equal(25, seen.Count);
        Assert.Equal(seen.OrderDescending(), seen);
        Assert.Equal(25, seen.Distinct().Count());
    }

    [Fact]
    public async Task Events_FromANeuronWhoseClockIsUnset_FiledByArrivalNot1970()
    {
        var before = DateTimeOffset.UtcNow;
        await _neurons.Probe.PublishAsync($"{_factory.Root}/c/events",
            ProtocolPublisher.Event("c", 1, "kicked", "x", new DateTimeOffset(1970, 1, 1, 0, 0, 5, TimeSpan.Zero), ",\"clock\":\"unsynchronized\""));

        var events = await Eventually.MatchAsync(_factory, () => GetJsonAsync("/api/events?neuron=c"), j => j.GetProperty("events").GetArrayLength() == 1, "c's event");

        var at = events.GetProperty("events")[0].GetProperty("at").GetDateTimeOffset();
        Assert.True(at >= before.AddSeconds(-1), $"stored at {at:o}, expected its arrival (after {before:o})");
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=5000", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=2.5", "limit")]
    [InlineData("since=yesterday", "since")]
    [InlineData("neuron=a/b", "neuron")]
    [InlineData("before=-3", "before")]
    public async Task Events_BadQuery_Is400NamingTheParameter(string query, string parameter)
    {
        using var response = await _http.GetAsync("/api/events?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.StartsWith(parameter, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neurons_ShowRetainedStatusStateAndCounters()
    {
        await _neurons.StatusAsync("x", "online");
        await _neurons.StateAsync("x", 1, ["h1"], "{}", firedCount: 3);
        await _neurons.StatusAsync("h1", "offline");
        await _neurons.EventAsync("x", 1, "kicked", "external");
        await _neurons.EventAsync("x", 2, "fired", "external");
        await _neurons.EventAsync("x", 3, "error");

        var x = await Eventually.MatchAsync(
            _factory,
            () => TryGetJsonAsync("/api/neurons/x"),
            j => HasCounters(j, 3) && j.GetProperty("state").ValueKind == JsonValueKind.Object,
            "x's counters and state");

        Assert.Equal("online", x.GetProperty("status").GetString());
        Assert.Equal(3, x.GetProperty("state").GetProperty("firedCount").GetInt64());
        var counters = x.GetProperty("counters");
        Assert.Equal(1, counters.GetProperty("kicks").GetInt64());
        Assert.Equal(1, counters.GetProperty("fires").GetInt64());
        Assert.Equal(1, counters.GetProperty("errors").GetInt64());
        Assert.Equal(3, counters.GetProperty("lastSeq").GetInt64());
        Assert.Equal(0, counters.GetProperty("missingSeqs").GetInt64());

        var all = await GetJsonAsync("/api/neurons");
        Assert.Equal(["h1", "x"], all.EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal("offline", all[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Neuron_UnknownIs404_InvalidIs400()
    {
        using var unknown = await _http.GetAsync("/api/neurons/nobody");
        using var invalid = await _http.GetAsync("/api/neurons/" + Uri.EscapeDataString("bad id!"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task Topology_HasLayersAndTheReceiversWeights()
    {
        await _neurons.StateAsync("x", 1, ["h1", "h2"], "{}");
        await _neurons.StateAsync("h1", 1, ["z"], "{\"x\":1}");
        await _neurons.StateAsync("h2", 1, ["z"], "{\"x\":-1.5}");
        await _neurons.StateAsync("z", 1, [], "{\"h1\":1,\"h2\":1}");

        var topology = await Eventually.MatchAsync(
            _factory,
            () => GetJsonAsync("/api/topology"), j => j.GetProperty("nodes").GetArrayLength() == 4 && j.GetProperty("edges").GetArrayLength() == 4, "4 nodes, 4 edges");

        var layers = topology.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!, n => n.GetProperty("layer").GetInt32());
        Assert.Equal(0, layers["x"]);
        Assert.Equal(1, layers["h1"]);
        Assert.Equal(1, layers["h2"]);
        Assert.Equal(2, layers["z"]);
        var inhibitory = topology.GetProperty("edges").EnumerateArray().Single(e => e.GetProperty("to").GetString() == "h2");
        Assert.Equal(-1.5, inhibitory.GetProperty("weight").GetDouble());
    }

    [Fact]
    public async Task Versions_TwoAmongTheStates_ShownPerNeuronAndFlaggedMixedUntilTheLastNodeIsUpdated()
    {
        const string old = "0.1.0+abcdef0123456789abcdef0123456789abcdef01";
        const string current = "0.2.0+1234567890abcdef1234567890abcdef12345678";
        await _neurons.StateAsync("x", 1, ["z"], "{}", version: current);
        await _neurons.StateAsync("y", 1, ["z"], "{}", version: current);
        await _neurons.StateAsync("z", 1, [], "{\"x\":1,\"y\":1}", version: old);
        await _neurons.StateAsync("w", 1, [], "{}");

        var mixed = await Eventually.MatchAsync(
            _factory, () => GetJsonAsync("/api/topology"), j => j.GetProperty("nodes").GetArrayLength() == 4 && Groups(j).Count == 2, "two versions");

        Assert.True(mixed.GetProperty("mixedVersions").GetBoolean());
        Assert.Equal([(current, "x,y"), (old, "z")], Groups(mixed));
        var neurons = (await GetJsonAsync("/api/neurons")).EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!, n => n.GetProperty("version"));
        Assert.Equal(current, neurons["x"].GetString());
        Assert.Equal(old, neurons["z"].GetString());
        Assert.Equal(JsonValueKind.Null, neurons["w"].ValueKind);

        await _neurons.StateAsync("z", 1, [], "{\"x\":1,\"y\":1}", version: current);

        var agreed = await Eventually.MatchAsync(
            _factory, () => GetJsonAsync("/api/topology"), j => Groups(j).Count == 1, "one version");
        Assert.False(agreed.GetProperty("mixedVersions").GetBoolean());
        Assert.Equal([(current, "x,y,z")], Groups(agreed));
        Assert.Equal(current, (await GetJsonAsync("/api/neurons/z")).GetProperty("version").GetString());

        static List<(string?, string)> Groups(JsonElement topology) =>
            [.. topology.GetProperty("versions").EnumerateArray().Select(v =>
                (v.GetProperty("version").GetString(), string.Join(',', v.GetProperty("neurons").EnumerateArray().Select(n => n.GetString()))))];
    }

    [Fact]
    public async Task MalformedEvents_AreRejectedCountedAndChangeNothing()
    {
        await _neurons.RawEventAsync("x", "{not json");
        await _neurons.RawEventAsync("x", ProtocolPublisher.Event("y", 1, "fired")); // id does not match the topic
        await _neurons.RawEventAsync("x", "{\"id\":\"x\",\"seq\":\"one\",\"type\":\"fired\",\"at\":\"2026-11-27T18:00:00Z\"}");
        await _neurons.RawEventAsync("x", "[1,2,3]");
        await _neurons.RawEventAsync("x", ProtocolPublisher.Event("x", 7, "fired", extra: ",\"hop\":\"deep\""));
        await _neurons.RawEventAsync("x", ProtocolPublisher.Event("x", 1, "fired", extra: $",\"junk\":\"{new string('j', 70_000)}\""));
        await _neurons.EventAsync("x", 1, "fired");

        var page = await WaitEventsAsync("neuron=x", 2);
        var metrics = await Eventually.MatchAsync(
            _factory,
            () => _http.GetStringAsync("/metrics"), m => m.Contains("reason=\"oversized\"", StringComparison.Ordinal), "rejections in /metrics");

        // The event with a non-numeric hop is stored (hop is optional), the others are not.
        Assert.Equal([1L, 7L], page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).Order());
        Assert.Contains("pineurons_aggregator_events_rejected_total{reason=\"malformed-json\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("pineurons_aggregator_events_rejected_total{reason=\"bad-id\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("pineurons_aggregator_events_rejected_total{reason=\"bad-seq\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("pineurons_aggregator_events_rejected_total{reason=\"not-an-object\"} 1", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task BadState_LeavesTheLastGoodState_AndAClearedOneForgetsIt()
    {
        await _neurons.StateAsync("st", 1.5, ["z"], "{}");
        await Eventually.MatchAsync(_factory, () => TryGetJsonAsync("/api/neurons/st"), j => j.ValueKind == JsonValueKind.Object && j.GetProperty("state").ValueKind == JsonValueKind.Object, "st's state");

        await _neurons.Probe.PublishAsync($"{_factory.Root}/st/state", "{not json", retain: true);
        await _neurons.Probe.PublishAsync($"{_factory.Root}/st/state", "[1]", retain: true);
        await _neurons.Probe.PublishAsync($"{_factory.Root}/st/state", "{\"pad\":\"" + new string('p', 300_000) + "\"}", retain: true);
        // Messages are handled in order: once this event is stored, the bad states before it were handled.
        await _neurons.EventAsync("st", 1, "kicked");
        await WaitEventsAsync("neuron=st", 1);
        var metrics = await Eventually.MatchAsync(
            _factory,
            () => _http.GetStringAsync("/metrics"), m => m.Contains("reason=\"oversized-state\"", StringComparison.Ordinal), "the oversized state rejected");
        var kept = await GetJsonAsync("/api/neurons/st");

        Assert.Contains("pineurons_aggregator_events_rejected_total{reason=\"bad-state\"} 2", metrics, StringComparison.Ordinal);
        Assert.Equal(1.5, kept.GetProperty("state").GetProperty("config").GetProperty("threshold").GetDouble());

        await _neurons.Probe.PublishAsync($"{_factory.Root}/st/state", string.Empty, retain: true);
        await Eventually.MatchAsync(_factory, () => GetJsonAsync("/api/neurons/st"), j => j.GetProperty("state").ValueKind == JsonValueKind.Null, "st's state cleared");
    }

    [Fact]
    public async Task UnknownFields_AreKept_NotRejected()
    {
        await _neurons.RawEventAsync("s", ProtocolPublisher.Event("s", 1, "sensor", extra: ",\"value\":21.5,\"unit\":\"°C\""));

        var page = await WaitEventsAsync("neuron=s", 1);

        Assert.Equal("sensor", page.GetProperty("events")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task SeqGap_IsCountedInCountersAndMetrics()
    {
        await _neurons.EventAsync("g", 1, "kicked");
        await _neurons.EventAsync("g", 2, "kicked");
        await _neurons.EventAsync("g", 5, "kicked");

        var g = await Eventually.MatchAsync(_factory, () => TryGetJsonAsync("/api/neurons/g"), j => HasCounters(j, 3), "g's counters");
        var metrics = await _http.GetStringAsync("/metrics");

        Assert.Equal(2, g.GetProperty("counters").GetProperty("missingSeqs").GetInt64());
        Assert.Contains("pineurons_aggregator_seq_gaps_total 2", metrics, StringComparison.Ordinal);
        Assert.Contains("pineurons_aggregator_missing_seqs{neuron=\"g\"} 2", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_HaveIngestByNeuronAndType_StorageSize_AndConnection()
    {
        await _neurons.EventAsync("m", 1, "fired");

        var metrics = await Eventually.MatchAsync(
            _factory,
            () => _http.GetStringAsync("/metrics"), m => m.Contains("neuron=\"m\",type=\"fired\"", StringComparison.Ordinal), "m's fired count");

        Assert.Contains("pineurons_aggregator_events_ingested_total{neuron=\"m\",type=\"fired\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("pineurons_aggregator_mqtt_connected 1", metrics, StringComparison.Ordinal);
        Assert.Matches("pineurons_aggregator_storage_bytes\\{store=\"sqlite\"\\} [1-9][0-9]*", metrics);
        Assert.Contains("# TYPE pineurons_aggregator_ingest_lag_seconds histogram\n", metrics, StringComparison.Ordinal);
        Assert.Contains("pineurons_aggregator_ingest_lag_seconds_bucket{le=\"+Inf\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("pineurons_aggregator_ingest_lag_seconds_count 1\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_ArePublishedOnTheNeuronsTopics()
    {
        await using var neuron = await MqttProbe.ConnectAsync(fixture.Broker.Url, $"{_factory.Root}/x/#");

        using var kick = await _http.PostAsync("/api/neurons/x/kick", null);
        using var kickFrom = await _http.PostAsync("/api/neurons/x/kick", JsonContent.Create(new { from = "y" }));
        using var fire = await _http.PostAsync("/api/neurons/x/fire", null);
        using var set = await _http.PostAsync("/api/neurons/x/set", new StringContent("{\"threshold\":2}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, kick.StatusCode);
        Assert.Equal($"{_factory.Root}/x/kick", (await kick.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("topic").GetString());
        Assert.Equal(HttpStatusCode.Accepted, set.StatusCode);
        await neuron.WaitForAsync($"{_factory.Root}/x/kick", "");
        await neuron.WaitForAsync($"{_factory.Root}/x/kick", "y");
        await neuron.WaitForAsync($"{_factory.Root}/x/fire");
        await neuron.WaitForAsync($"{_factory.Root}/x/set", "{\"threshold\":2}");
    }

    [Theory]
    [InlineData("/api/neurons/x/set", "{not json", HttpStatusCode.BadRequest)]
    [InlineData("/api/neurons/x/set", "[1]", HttpStatusCode.BadRequest)]
    [InlineData("/api/neurons/x/kick", "{\"from\":\"a/b\"}", HttpStatusCode.BadRequest)]
    [InlineData("/api/neurons/x/kick", "{\"from\":\"a\",\"extra\":1}", HttpStatusCode.BadRequest)]
    [InlineData("/api/neurons/bad%20id/fire", "", HttpStatusCode.BadRequest)]
    public async Task Commands_BadInput_IsRefusedAndNothingIsPublished(string url, string body, HttpStatusCode expected)
    {
        await using var neuron = await MqttProbe.ConnectAsync(fixture.Broker.Url, $"{_factory.Root}/#");

        using var response = await _http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        // A command that is published afterwards proves the refused one would have arrived before it.
        using var marker = await _http.PostAsync("/api/neurons/marker/fire", null);
        await neuron.WaitForAsync($"{_factory.Root}/marker/fire");

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("error", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(neuron.Received, m => m.Topic.StartsWith($"{_factory.Root}/x/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Commands_OversizedBody_Is413()
    {
        using var response = await _http.PostAsync("/api/neurons/x/set", new StringContent("{\"a\":\"" + new string('a', 70_000) + "\"}"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Commands_WithOperatorToken_NeedTheBearerToken()
    {
        var tokenFile = Path.Combine(_factory.StateDir, "token");
        await File.WriteAllTextAsync(tokenFile, "s3cret\n");
        await using var guarded = new AggregatorFactory(fixture.Broker, settings: new Dictionary<string, string?> { ["Aggregator:OperatorTokenFile"] = tokenFile });
        using var http = guarded.CreateClient();
        await WaitHealthyAsync(guarded, http);

        using var none = await http.PostAsync("/api/neurons/x/kick", null);
        using var wrong = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/neurons/x/kick") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "guess") } });
        using var right = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/neurons/x/kick") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "s3cret") } });
        using var read = await http.GetAsync("/api/neurons");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Page_IsServedWithNoExternalReferences()
    {
        var html = await _http.GetStringAsync("/");
        var js = await _http.GetStringAsync("/app.js");
        var css = await _http.GetStringAsync("/app.css");

        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        foreach (var text in new[] { html, js, css })
        {
            Assert.DoesNotMatch("(src|href)=\"(https?:)?//", text);
            Assert.DoesNotContain("@import url(http", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Page_EveryModule_ServedAsJavaScriptUncachedAndImportingNothingFromElsewhere()
    {
        var modules = PageEndpoints.Files.Where(f => f.Path.EndsWith(".js", StringComparison.Ordinal)).ToList();

        // app.js and the modules it is split into.
        Assert.Contains(modules, f => f.Path == "/app.js");
        Assert.True(modules.Count > 1, "the page's JavaScript is one file, not modules");
        foreach (var module in modules)
        {
            using var response = await _http.GetAsync(module.Path);
            var text = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // A browser runs a module script only when it is served as JavaScript.
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.CacheControl?.NoCache, $"{module.Path} is cached without asking");
            // Imports are relative, from the aggregator: none names a scheme or another host.
            Assert.DoesNotMatch("(import|from)\\s*\\(?\\s*['\"](https?:)?//", text);
        }
    }
}
