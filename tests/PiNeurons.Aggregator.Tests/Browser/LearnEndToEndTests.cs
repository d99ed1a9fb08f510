using Microsoft.Playwright;
using PiNeurons.Testing;
using Xunit.Abstractions;
using static PiNeurons.Aggregator.Tests.Browser.PageAssertions;

namespace PiNeurons.Aggregator.Tests.Browser;

/// <summary>
/// Teaching from the page, end to end: the neurons of firmware-config/xor-learn.yaml on simulated boards, a real
/// Mosquitto, the real aggregator and the page in Chromium. z starts with every weight 0, so a kick of x reaches it
/// through h1 and it decides not to fire; "should fire" teaches it, and the page shows what it learned.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class LearnEndToEndTests(BrowserFixture browser, BrokerFixture brokerFixture, ITestOutputHelper output)
    : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task KickXThenTeachZShouldFire_TheEdgeFromH1AndZsThresholdShowWhatZLearned()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var network = await LiveNetwork.StartAsync(brokerFixture.Broker, RepoFiles.XorLearnManifest, "learn-e2e", timeout.Token);
        var (context, page) = await browser.NewPageAsync();
        await using var _ = context;
        page.PageError += (_, error) => output.WriteLine($"page error: {error}");
        await page.GotoAsync(network.Aggregator.Address.ToString());
        await WaitForNodesAsync(page, nodes: 6, edges: 7, nodeSelector: "#nodes .node.online");
        await WaitForLiveAsync(page);
        Assert.Equal("perceptron", await page.Locator(".node[data-neuron=z] .learning-badge text").TextContentAsync());
        Assert.Equal("0", await page.Locator("#edge-labels .edge-label[data-from=h1][data-to=z] text.weight").TextContentAsync());

        await page.Locator(".node[data-neuron=x]").ClickAsync();
        await page.Locator("#node-panel button[data-action=kick]").ClickAsync();
        // h1 fires on x, h2 stays below its threshold, and z, whose weights are all 0, decides not to fire.
        await page.Locator("#timeline-body tr[data-neuron=z][data-type=decided]").WaitForAsync(new() { Timeout = WaitMs });

        await page.Locator(".node[data-neuron=z]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Should fire", Exact = true }).ClickAsync();

        // rate 0.25 × (target 1 − output 0) × h1's input 1: h1's weight 0 → 0.25, and the threshold 0.5 → 0.25.
        await page.WaitForFunctionAsync(
            "() => document.querySelector('#edge-labels .edge-label[data-from=h1][data-to=z] text.weight').textContent === '0.25'",
            null,
            new() { Timeout = WaitMs });
        await page.WaitForFunctionAsync(
            "() => document.querySelector('.node[data-neuron=z] .stats').textContent.startsWith('θ 0.25')", null, new() { Timeout = WaitMs });
        var learned = await page.Locator("#timeline-body tr[data-neuron=z][data-type=learned]").AllTextContentsAsync();
        Assert.Contains(learned, row => row.Contains("weight 0 → 0.25", StringComparison.Ordinal));
        Assert.Contains(learned, row => row.Contains("θ 0.5 → 0.25", StringComparison.Ordinal));
        // The other inputs did not take part in the decision: their weights stay.
        Assert.Equal("0", await page.Locator("#edge-labels .edge-label[data-from=h2][data-to=z] text.weight").TextContentAsync());
        // The kick's pairs give the edges they crossed a latency by the nodes' clocks.
        await page.WaitForFunctionAsync(
            "() => /^\\d+ ms$/.test(document.querySelector('#edge-labels .edge-label[data-from=x][data-to=h1] text.latency').textContent)",
            null,
            new() { Timeout = WaitMs });
        await ScreenshotAsync(page, "learn-end-to-end.png", output);
    }
}
