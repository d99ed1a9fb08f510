using PiNeurons.Testing;
using Xunit.Abstractions;
using static PiNeurons.Aggregator.Tests.Browser.PageAssertions;

namespace PiNeurons.Aggregator.Tests.Browser;

/// <summary>
/// The whole chain: the six XOR neurons of firmware-config/xor.yaml on simulated boards, a real Mosquitto, the real
/// aggregator, and the page in Chromium. Kicking x with the page's own button must light x, then h1, then z.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class XorEndToEndTests(BrowserFixture browser, BrokerFixture brokerFixture, ITestOutputHelper output)
    : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task KickX_FromThePage_FlashesXThenH1ThenZ_AndTheTimelineShowsThemNewestFirst()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var network = await LiveNetwork.StartAsync(brokerFixture.Broker, RepoFiles.XorManifest, "page-e2e", timeout.Token);
        var (context, page) = await browser.NewPageAsync();
        await using var _ = context;
        page.PageError += (_, error) => output.WriteLine($"page error: {error}");
        await page.GotoAsync(network.Aggregator.Address.ToString());
        await WaitForNodesAsync(page, nodes: 6, edges: 7, nodeSelector: "#nodes .node.online");
        await WaitForLiveAsync(page);

        await page.Locator(".node[data-neuron=x]").ClickAsync();
        await page.Locator("#node-panel button[data-action=kick]").ClickAsync();

        // x fires on the external kick (weight 1 >= 0.9), h1 on x, h2 stays below 1.9, z fires on h1.
        await page.WaitForFunctionAsync("() => window.piNeurons.flashLog.some(f => f.neuron === 'z')", null, new() { Timeout = WaitMs });
        var flashes = await WaitForFlashesAsync(page, 3);
        Assert.Equal(["x", "h1", "z"], flashes.Select(f => f.Neuron));
        Assert.All(flashes, f => Assert.True(f.Drawn));
        await page.WaitForFunctionAsync(
            "() => document.querySelectorAll('#timeline-body tr[data-type=fired]').length >= 3", null, new() { Timeout = WaitMs });
        var fired = (await TimelineAsync(page)).Where(r => r.Type == "fired").ToList();
        Assert.Equal(["z", "h1", "x"], fired.Select(r => r.Neuron));
        Assert.Equal(flashes.Select(f => f.EventId).Reverse(), fired.Select(r => r.Id));
        await ScreenshotAsync(page, "xor-end-to-end.png", output);
    }
}
