using Microsoft.Playwright;

namespace PiNeurons.Aggregator.Tests.Browser;

/// <summary>
/// One headless Chromium for every browser test: the distribution's (<c>apt-get install chromium</c>),
/// never a Playwright download, which needs a host this build cannot reach.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where Debian puts Chromium; test.sh installs it.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The width of <see cref="NewPhonePageAsync"/>'s viewport, in CSS px.</summary>
    public const int PhoneWidth = 390;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser is not started");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: the page's browser tests drive Debian's Chromium. Install it with `apt-get install chromium` "
                + "(test.sh does when run as root); `playwright install` is not used.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh context (own storage, so one test's operator token never leaks into another) and its page.</summary>
    public Task<(IBrowserContext Context, IPage Page)> NewPageAsync(int width = 1600, int height = 1000) =>
        NewPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = height } });

    /// <summary>As a phone shows the page: 390 × 844 CSS px (an iPhone 12 to 14), three device pixels to the CSS pixel,
    /// touch, and the meta viewport honoured the way a mobile browser does.</summary>
    public Task<(IBrowserContext Context, IPage Page)> NewPhonePageAsync() =>
        NewPageAsync(new BrowserNewContextOptions
        {
            ViewportSize = new() { Width = PhoneWidth, Height = 844 },
            DeviceScaleFactor = 3,
            IsMobile = true,
            HasTouch = true,
        });

    /// <summary>A fresh context made with <paramref name="options"/> (e.g. the login a browser asks for), and its page.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> NewPageAsync(BrowserNewContextOptions options)
    {
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        return (context, page);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>The browser tests share one Chromium (and so run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
