using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using PiNeurons.Testing;
using Xunit.Abstractions;
using static PiNeurons.Aggregator.Tests.Browser.PageAssertions;

namespace PiNeurons.Aggregator.Tests.Browser;

/// <summary>
/// The live page shows liveness (docs/aggregator-api.md): a neuron in doubt (stale) and one gone silent (offline for missed
/// heartbeats while its status still says online) look different from an online one and from one that said offline.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class LivenessPageTests(BrowserFixture browser, BrokerFixture brokerFixture, ITestOutputHelper output)
    : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        (_context, _page) = await browser.NewPageAsync();
        _page.PageError += (_, error) => output.WriteLine($"page error: {error}");
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task NeuronMessages_OneStaleOneSilent_EachLooksAndReadsItsOwnWayBesideOnlineAndSaidOffline()
    {
        var xor = StubNetwork.Xor();
        xor.Single(n => n.Id == "h3").Status = "offline";
        await using var stub = await StubAggregator.StartAsync(xor);
        await _page.GotoAsync(stub.Address.ToString());
        await WaitForNodesAsync(_page, 6, 7);
        await WaitForLiveAsync(_page);
        var x = xor.Single(n => n.Id == "x");
        (x.Liveness, x.LivenessReason, x.HeartbeatSeconds) = ("offline", "missed 3 heartbeats", 30);
        var y = xor.Single(n => n.Id == "y");
        (y.Liveness, y.LivenessReason, y.HeartbeatSeconds) = ("stale", "only retained messages so far", 30);

        stub.PushNeuron(x);
        stub.PushNeuron(y);

        var silent = _page.Locator(".node[data-neuron=x].offline.silent");
        await silent.WaitForAsync(new() { Timeout = WaitMs });
        await _page.Locator(".node[data-neuron=y].stale").WaitForAsync(new() { Timeout = WaitMs });
        Assert.StartsWith("x: offline: silent (missed 3 heartbeats),", await silent.Locator("title").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("online", await silent.GetAttributeAsync("data-status"));
        Assert.StartsWith("y: stale (only retained messages so far),", await _page.Locator(".node[data-neuron=y] title").TextContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("silent", await _page.Locator(".node[data-neuron=h3]").GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        var strokes = await EvaluateJsonAsync<Dictionary<string, string>>(_page,
            "() => Object.fromEntries(['x', 'y', 'h1', 'h3'].map(id => [id, getComputedStyle(document.querySelector(`.node[data-neuron=${id}] .body`)).stroke]))");
        Assert.Equal(4, strokes.Values.Distinct().Count());
        Assert.Equal("offline", await _page.Locator("#counters-body tr[data-counter-neuron=x] .status-word").TextContentAsync());
        Assert.Equal("stale", await _page.Locator("#counters-body tr[data-counter-neuron=y] .status-word").TextContentAsync());
        Assert.Equal("6 neurons · 3 online · 1 stale · 7 connections", await _page.Locator("#summary").TextContentAsync());

        await silent.ClickAsync();

        Assert.Equal("offline: missed 3 heartbeats", await _page.Locator("#node-panel dd[data-field=liveness]").TextContentAsync());
        Assert.Equal("every 30 s, nothing fresh heard yet", await _page.Locator("#node-panel dd[data-field=heartbeat]").TextContentAsync());
        await ScreenshotAsync(_page, "liveness.png", output);
    }

    [Fact]
    public async Task RealAggregator_NeuronFallsSilentWithoutAWill_ItsNodeTurnsOfflineSilentAndBackOnlineWhenItBeatsAgain()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var aggregator = await LiveAggregator.StartAsync(brokerFixture.Broker, clock);
        // Closed before the aggregator stops: an open event stream would hold its shutdown up.
        var (context, page) = await browser.NewPageAsync();
        await using var _ = context;
        var probe = aggregator.Neurons.Probe;
        await BeatAsync(probe, aggregator.Root);
        await page.GotoAsync(aggregator.Address.ToString());
        await WaitForNodesAsync(page, nodes: 1, edges: 0, nodeSelector: "#nodes .node.online");
        await WaitForLiveAsync(page);

        clock.Advance(TimeSpan.FromSeconds(3));

        var node = page.Locator(".node[data-neuron=n].offline.silent");
        await node.WaitForAsync(new() { Timeout = WaitMs });
        Assert.StartsWith("n: offline: silent (missed 3 heartbeats),", await node.Locator("title").TextContentAsync(), StringComparison.Ordinal);

        await BeatAsync(probe, aggregator.Root);

        await page.Locator(".node[data-neuron=n].online").WaitForAsync(new() { Timeout = WaitMs });
    }

    // What a node with --heartbeat 1 sends each interval.
    private static async Task BeatAsync(MqttProbe probe, string root)
    {
        await probe.PublishAsync($"{root}/n/status", "online", retain: true);
        await probe.PublishAsync(
            $"{root}/n/state",
            """{"id":"n","output":0,"potential":0,"firedCount":0,"lastFiredAt":null,"config":{"threshold":1,"weights":{},"connections":[]},"heartbeatSeconds":1}""",
            retain: true);
    }
}
