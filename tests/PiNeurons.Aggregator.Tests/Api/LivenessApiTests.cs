using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Api;

/// <summary>
/// docs/aggregator-api.md's <c>liveness</c> on a real Mosquitto, as on a clustered broker where a dead neuron's will never
/// comes: a neuron that announced a 1 s heartbeat and went away without a will turns stale, then offline for "missed 3
/// heartbeats", while its retained status still says online. The aggregator's clock is faked, so the seconds pass at once;
/// each wait is on the aggregator's live feed.
/// </summary>
public sealed class LivenessApiTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private AggregatorFactory _factory = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task Liveness_NeuronGoneWithoutAWill_StaleAfterTwoSilentIntervalsOfflineAfterThreeWhileItsStatusStillSaysOnline()
    {
        await StartAggregatorAsync();
        await using (var neuron = await MqttProbe.ConnectAsync(fixture.Broker.Url))
        {
            await AnnounceAsync(neuron, "gone");
        }

        var online = await LivenessAsync("gone", "online");
        Assert.Equal(1, online.GetProperty("heartbeatSeconds").GetInt32());
        Assert.Equal(JsonValueKind.String, online.GetProperty("lastHeardAt").ValueKind);

        _clock.Advance(TimeSpan.FromSeconds(2));
        var stale = await LivenessAsync("gone", "stale");
        Assert.Equal("missed 2 heartbeats", stale.GetProperty("livenessReason").GetString());

        _clock.Advance(TimeSpan.FromSeconds(1));
        var offline = await LivenessAsync("gone", "offline");
        Assert.Equal("missed 3 heartbeats", offline.GetProperty("livenessReason").GetString());
        Assert.Equal("online", offline.GetProperty("status").GetString());
        var metrics = await _http.GetStringAsync("/metrics");
        Assert.Contains("pineurons_aggregator_neurons_by_liveness{liveness=\"offline\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("pineurons_aggregator_neurons{status=\"online\"} 1\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liveness_OnlyARetainedOnlineFromBeforeTheAggregatorSubscribed_StaleAsAClaimThenOfflineWhenNothingFreshComes()
    {
        var root = "t" + Guid.NewGuid().ToString("N")[..12];
        await using (var neuron = await MqttProbe.ConnectAsync(fixture.Broker.Url))
        {
            await AnnounceAsync(neuron, "claim", root);
        }

        await StartAggregatorAsync(root);

        var stale = await LivenessAsync("claim", "stale");
        Assert.Equal("only retained messages so far", stale.GetProperty("livenessReason").GetString());
        Assert.Equal(JsonValueKind.Null, stale.GetProperty("lastHeardAt").ValueKind);
        _clock.Advance(TimeSpan.FromSeconds(3));
        var offline = await LivenessAsync("claim", "offline");
        Assert.Equal("missed 3 heartbeats", offline.GetProperty("livenessReason").GetString());
    }

    private async Task StartAggregatorAsync(string? root = null)
    {
        _factory = new AggregatorFactory(fixture.Broker, root, services: s => s.AddSingleton<TimeProvider>(_clock));
        _http = _factory.CreateClient();
        await ApiTests.WaitHealthyAsync(_factory, _http);
    }

    // What a node with --heartbeat 1 publishes on connecting; the client then leaves cleanly, so no will is published.
    private async Task AnnounceAsync(MqttProbe neuron, string id, string? root = null)
    {
        root ??= _factory.Root;
        await neuron.PublishAsync($"{root}/{id}/status", "online", retain: true);
        await neuron.PublishAsync(
            $"{root}/{id}/state",
            $$"""{"id":"{{id}}","output":0,"potential":0,"firedCount":0,"lastFiredAt":null,"config":{"threshold":1,"weights":{},"connections":[]},"heartbeatSeconds":1}""",
            retain: true);
    }

    private Task<JsonElement> LivenessAsync(string id, string liveness) =>
        Eventually.MatchAsync(
            _factory,
            async () =>
            {
                using var response = await _http.GetAsync($"/api/neurons/{id}");
                return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : default;
            },
            n => n.ValueKind == JsonValueKind.Object && n.GetProperty("liveness").GetString() == liveness,
            $"{id} {liveness}");
}
