using Microsoft.Playwright;
using PiNeurons.Aggregator.Tests.Api;
using PiNeurons.Testing;
using Xunit.Abstractions;
using static PiNeurons.Aggregator.Tests.Browser.PageAssertions;

namespace PiNeurons.Aggregator.Tests.Browser;

/// <summary>
/// Each edge of the live page shows how long the connection takes, beside its weight: the real aggregator pairs the
/// neurons' fired and kicked events published over a real Mosquitto, and the page in Chromium writes the median.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class LatencyPageTests(BrowserFixture browser, BrokerFixture brokerFixture, ITestOutputHelper output)
    : IClassFixture<BrokerFixture>
{
    private static readonly DateTimeOffset T0 = ProtocolPublisher.T0;

    [Fact]
    public async Task Edge_PairsThreeMsApart_ShowsTheMedianBesideTheWeight_AndAnUnsynchronizedClockIsSaid()
    {
        await using var aggregator = await LiveAggregator.StartAsync(brokerFixture.Broker);
        var neurons = aggregator.Neurons;
        await neurons.StateAsync("x", 0.9, ["h1", "h2"], "{}");
        await neurons.StateAsync("h1", 0.9, [], "{\"x\":1}");
        await neurons.StateAsync("h2", 0.9, [], "{\"x\":0.5}");
        var (context, page) = await browser.NewPageAsync();
        await using var _ = context;
        page.PageError += (_, error) => output.WriteLine($"page error: {error}");
        await page.GotoAsync(aggregator.Address.ToString());
        await WaitForNodesAsync(page, nodes: 3, edges: 2);
        await WaitForLiveAsync(page);
        var xh1 = page.Locator("#edge-labels .edge-label[data-from=x][data-to=h1]");
        Assert.Equal("", await FigureAsync(page, "x", "h1"));

        for (var i = 0; i < 3; i++)
        {
            var t = T0.AddSeconds(i);
            await neurons.EventAsync("x", 1 + i, "fired", "external", t, hop: 1);
            await neurons.EventAsync("h1", 1 + i, "kicked", "x", t.AddMilliseconds(3), hop: 1);
        }

        // h2's clock is not set yet: its kick says so and its at is no time.
        await neurons.EventAsync("h2", 1, "kicked", "x", new DateTimeOffset(1970, 1, 1, 0, 0, 1, TimeSpan.Zero), hop: 1, extra: ",\"clock\":\"unsynchronized\"");

        await WaitForFigureAsync(page, "x", "h1", "3 ms");
        Assert.Equal("1", await xh1.Locator("text.weight").TextContentAsync());
        var tooltip = await page.Locator("#edges .edge[data-from=x][data-to=h1] title").TextContentAsync() ?? "";
        Assert.Contains("median 3 ms, 90% ≤ 3 ms, 99% ≤ 3 ms, max 3 ms (3 pairs)", tooltip, StringComparison.Ordinal);
        Assert.Contains("2–5 ms: 3", tooltip, StringComparison.Ordinal);
        Assert.Equal(tooltip, await xh1.Locator("title").TextContentAsync());

        var xh2 = page.Locator("#edge-labels .edge-label[data-from=x][data-to=h2]");
        await WaitForFigureAsync(page, "x", "h2", "clock unsynchronized");
        Assert.Equal("0.5", await xh2.Locator("text.weight").TextContentAsync());
        Assert.Contains("clock unsynchronized on h2", await xh2.Locator("title").TextContentAsync() ?? "", StringComparison.Ordinal);
        await ScreenshotAsync(page, "edge-latency.png", output);
    }

    // The figure's lines as a reader reads them, one after the other.
    private const string Figure =
        "([from, to]) => [...document.querySelectorAll(`#edge-labels .edge-label[data-from=${from}][data-to=${to}] text.latency tspan`)].map(t => t.textContent).join(' ')";

    private static Task<string> FigureAsync(IPage page, string from, string to) =>
        page.EvaluateAsync<string>(Figure, new[] { from, to });

    private static Task WaitForFigureAsync(IPage page, string from, string to, string text) =>
        page.WaitForFunctionAsync($"args => ({Figure})(args) === args[2]", new[] { from, to, text }, new() { Timeout = WaitMs });
}
