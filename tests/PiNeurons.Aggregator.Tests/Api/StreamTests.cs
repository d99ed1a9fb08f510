using System.Text.Json;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Api;

public sealed class StreamTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private AggregatorFactory _factory = null!;
    private HttpClient _http = null!;
    private ProtocolPublisher _neurons = null!;

    public async Task InitializeAsync()
    {
        _factory = new AggregatorFactory(fixture.Broker);
        _http = _factory.CreateClient();
        await ApiTests.WaitHealthyAsync(_factory, _http);
        _neurons = new ProtocolPublisher(await MqttProbe.ConnectAsync(fixture.Broker.Url), _factory.Root);
    }

    public async Task DisposeAsync()
    {
        await _neurons.Probe.DisposeAsync();
        _http.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Stream_SendsEveryStoredEventWithItsId()
    {
        await using var stream = await SseReader.OpenAsync(_http, "/api/stream");

        await _neurons.EventAsync("x", 1, "fired", "external");
        await _neurons.EventAsync("x", 2, "kicked", "y");
        var first = await stream.NextAsync(LiveName);
        var second = await stream.NextAsync(LiveName);

        Assert.Equal(1, Data(first).GetProperty("seq").GetInt64());
        Assert.Equal("fired", Data(first).GetProperty("type").GetString());
        Assert.Equal(Data(first).GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), first.Id);
        Assert.Equal(2, Data(second).GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task Stream_SendsNeuronUpdatesWhenStatusChanges()
    {
        await using var stream = await SseReader.OpenAsync(_http, "/api/stream");

        await _neurons.StatusAsync("w", "online");
        var update = await stream.NextAsync(m => m.Event == "neuron" && Data(m).GetProperty("id").GetString() == "w");

        Assert.Equal("online", Data(update).GetProperty("status").GetString());
        Assert.Null(update.Id);
    }

    [Fact]
    public async Task Stream_ResumedWithLastEventId_ReplaysWhatWasMissedThenGoesLive()
    {
        for (var seq = 1; seq <= 5; seq++)
        {
            await _neurons.EventAsync("r", seq, "kicked");
        }

        var page = await Eventually.MatchAsync(
            _factory,
            async () => JsonDocument.Parse(await _http.GetStringAsync("/api/events?neuron=r")).RootElement.Clone(),
            j => j.GetProperty("events").GetArrayLength() == 5,
            "5 stored events");
        var ids = page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).Order().ToList();

        await using var stream = await SseReader.OpenAsync(_http, "/api/stream", lastEventId: ids[1]);
        var replayed = new[] { await stream.NextAsync(LiveName), await stream.NextAsync(LiveName), await stream.NextAsync(LiveName) };
        await _neurons.EventAsync("r", 6, "fired");
        var live = await stream.NextAsync(LiveName);

        Assert.Equal(ids[2..], replayed.Select(m => long.Parse(m.Id!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(6, Data(live).GetProperty("seq").GetInt64());
    }

    private static bool LiveName(SseMessage m) => m.Event == "neuron-event";

    private static JsonElement Data(SseMessage m) => JsonDocument.Parse(m.Data).RootElement.Clone();
}
