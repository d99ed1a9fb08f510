using Microsoft.Playwright;
using Xunit.Abstractions;
using static PiNeurons.Aggregator.Tests.Browser.PageAssertions;

namespace PiNeurons.Aggregator.Tests.Browser;

/// <summary>The live page shows each neuron's node version, and a notice while the neurons run more than one.</summary>
[Collection(BrowserGroup.Name)]
public sealed class VersionsPageTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Current = "0.2.0+1234567890abcdef1234567890abcdef12345678";
    private const string Old = "0.1.0+abcdef0123456789abcdef0123456789abcdef01";

    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        (_context, _page) = await browser.NewPageAsync();
        _page.PageError += (_, error) => output.WriteLine($"page error: {error}");
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task Open_EveryNeuronOnOneVersion_ThePanelShowsItAndNoNoticeShows()
    {
        await using var stub = await StubAggregator.StartAsync(StubNetwork.Xor(Current));
        await OpenAsync(stub);

        await _page.Locator(".node[data-neuron=h1]").ClickAsync();

        var version = _page.Locator("#node-panel dd[data-field=version]");
        Assert.Equal("0.2.0 (1234567)", await version.TextContentAsync());
        Assert.Equal(Current, await version.GetAttributeAsync("title"));
        Assert.True(await _page.Locator("#version-notice").IsHiddenAsync());
    }

    [Fact]
    public async Task Open_OneNeuronOnAnOlderVersion_ANoticeNamesBothUntilItsNodeIsUpdated()
    {
        var xor = StubNetwork.Xor(Current);
        var z = xor.Single(n => n.Id == "z");
        z.Version = Old;
        await using var stub = await StubAggregator.StartAsync(xor);
        await OpenAsync(stub);

        var notice = _page.Locator("#version-notice");
        Assert.True(await notice.IsVisibleAsync());
        Assert.Equal("Mixed versions: 0.2.0 (1234567) on 5 neurons, 0.1.0 (abcdef0) on 1 neuron", await notice.TextContentAsync());
        await _page.Locator(".node[data-neuron=z]").ClickAsync();
        Assert.Equal("0.1.0 (abcdef0)", await _page.Locator("#node-panel dd[data-field=version]").TextContentAsync());
        await ScreenshotAsync(_page, "mixed-versions.png", output);

        z.Version = Current;
        stub.PushNeuron(z);

        await notice.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = WaitMs });
        Assert.Equal("0.2.0 (1234567)", await _page.Locator("#node-panel dd[data-field=version]").TextContentAsync());
    }

    private async Task OpenAsync(StubAggregator stub)
    {
        await _page.GotoAsync(stub.Address.ToString());
        await WaitForNodesAsync(_page, 6, 7);
        await WaitForLiveAsync(_page);
    }
}
