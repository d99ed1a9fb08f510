using Microsoft.Playwright;
using Xunit.Abstractions;
using static PiNeurons.Aggregator.Tests.Browser.BrowserFixture;
using static PiNeurons.Aggregator.Tests.Browser.PageAssertions;

namespace PiNeurons.Aggregator.Tests.Browser;

/// <summary>The live page on a phone (<see cref="BrowserFixture.NewPhonePageAsync"/>): what someone standing by the Pis
/// with only a phone sees and can press.</summary>
[Collection(BrowserGroup.Name)]
public sealed class PhonePageTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>A neuron's name must be no smaller on screen than the tables' text below it (12.5 px) rounded down;
    /// 12 CSS px is also about the smallest text the phone platforms' guidelines allow (Android 12 sp, iOS 11 pt).</summary>
    private const double MinLabelPx = 12;

    private StubAggregator _stub = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var xor = StubNetwork.Xor();
        // The widest rows the tables have: an offline neuron, an error count, an error with its reason.
        xor.Single(n => n.Id == "h3").Status = "offline";
        _stub = await StubAggregator.StartAsync(xor);
        foreach (var id in new[] { "x", "y", "h1", "h2", "h3", "z" })
        {
            _stub.AddHistory(id, "kicked", "external");
            _stub.AddHistory(id, "fired", "button");
        }

        _stub.AddHistory("h2", "error", "x", reason: "gpio 17: write failed, the line is held by another process");
        (_context, _page) = await browser.NewPhonePageAsync();
        _page.PageError += (_, error) => output.WriteLine($"page error: {error}");
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _stub.DisposeAsync();
    }

    [Fact]
    public async Task Open_PhoneWidth_NothingScrollsSidewaysAndEveryKickAndFireIsOnScreen()
    {
        await OpenAsync();

        await AssertNoSidewaysScrollAsync();
        // On screen means inside the viewport and not cut off by a box that scrolls (the tables' own), as it stands.
        var buttons = await EvaluateJsonAsync<ButtonBox[]>(_page, """
            () => [...document.querySelectorAll('#counters-body button[data-action]')].map(b => {
              const r = b.getBoundingClientRect();
              let left = 0, right = Number.MAX_VALUE;
              for (let a = b.parentElement; a; a = a.parentElement) {
                if (getComputedStyle(a).overflowX !== 'visible') {
                  const c = a.getBoundingClientRect();
                  left = Math.max(left, c.left);
                  right = Math.min(right, c.right);
                }
              }
              return { id: `${b.dataset.action} ${b.dataset.target}`, x: r.x, w: r.width, clipLeft: left, clipRight: right };
            })
            """);
        Assert.Equal(12, buttons.Length);
        Assert.All(buttons, b => Assert.True(
            b.W > 0 && b.X >= Math.Max(0, b.ClipLeft) && b.X + b.W <= Math.Min(PhoneWidth, b.ClipRight),
            $"{b.Id} spans x {b.X:0.#} to {b.X + b.W:0.#}: not inside the {PhoneWidth} px screen and its box ({b.ClipLeft:0.#} to {b.ClipRight:0.#})"));

        // The last row: a tap scrolls down to it, never sideways.
        await _page.Locator("#counters-body tr[data-counter-neuron=z] button[data-action=kick]").TapAsync();

        await _page.Locator("#command-status.ok").WaitForAsync(new() { Timeout = WaitMs });
        Assert.Equal([new RecordedCommand("z", "kick", null, 202)], _stub.Commands);
        await AssertNoSidewaysScrollAsync();
        await ScreenshotAsync(_page, "page-phone.png", output, fullPage: true);
    }

    [Fact]
    public async Task Open_PhoneWidth_DrawsTheWholeGraphOnScreenWithReadableNames()
    {
        await OpenAsync();

        var nodes = await EvaluateJsonAsync<NodeLabel[]>(_page, """
            () => [...document.querySelectorAll('#nodes .node')].map(g => {
              const t = g.querySelector('.id');
              const r = g.getBoundingClientRect();
              return { id: g.dataset.neuron, px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a, x: r.x, w: r.width };
            })
            """);
        Assert.Equal(6, nodes.Length);
        Assert.All(nodes, n =>
        {
            Assert.True(n.X >= 0 && n.X + n.W <= PhoneWidth, $"{n.Id} spans x {n.X:0.#} to {n.X + n.W:0.#}, off the {PhoneWidth} px screen");
            Assert.True(n.Px >= MinLabelPx, $"{n.Id}'s name is drawn {n.Px:0.#} px high on screen, under {MinLabelPx} px");
        });
    }

    private async Task OpenAsync()
    {
        await _page.GotoAsync(_stub.Address.ToString());
        await WaitForNodesAsync(_page, 6, 7);
        await WaitForLiveAsync(_page);
        await _page.WaitForFunctionAsync("() => document.querySelectorAll('#timeline-body tr').length === 13", null, new() { Timeout = WaitMs });
    }

    private async Task AssertNoSidewaysScrollAsync()
    {
        var width = await _page.EvaluateAsync<double>("() => document.documentElement.scrollWidth");
        Assert.True(width <= PhoneWidth, $"the page is {width} px wide on a {PhoneWidth} px screen: it scrolls sideways");
    }

    /// <summary>A button's horizontal extent and that of the boxes clipping it, in CSS px from the viewport's left.</summary>
    public sealed record ButtonBox(string Id, double X, double W, double ClipLeft, double ClipRight);

    /// <summary>A drawn neuron: its name's on-screen font size and its horizontal extent, in CSS px.</summary>
    public sealed record NodeLabel(string Id, double Px, double X, double W);
}
