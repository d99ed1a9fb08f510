using Microsoft.Playwright;
using PiNeurons.Aggregator.Api;
using PiNeurons.Testing;
using Xunit.Abstractions;
using static PiNeurons.Aggregator.Tests.Browser.PageAssertions;

namespace PiNeurons.Aggregator.Tests.Browser;

/// <summary>
/// The page of a private aggregator (a viewer token) in Chromium, logged in as its login prompt asks: the real
/// aggregator behind its real gate, so the module scripts the page imports must pass the gate with the login too.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class PrivatePageTests(BrowserFixture browser, BrokerFixture brokerFixture, ITestOutputHelper output)
    : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Open_WithTheViewerTokenAsPassword_LoadsEveryModuleAndShowsTheLivePage()
    {
        var dir = Directory.CreateTempSubdirectory("pineurons-private-page-").FullName;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            var token = Path.Combine(dir, "viewer");
            await File.WriteAllTextAsync(token, "look\n", timeout.Token);
            await using var aggregator = await AggregatorApp.StartAsync(
                ["--broker", brokerFixture.Broker.Url, "--urls", "http://127.0.0.1:0", "--db", Path.Combine(dir, "events.db"),
                    "--root", $"private-page-{Guid.NewGuid():N}", "--viewer-token-file", token],
                null,
                timeout.Token);
            var (context, page) = await browser.NewPageAsync(new BrowserNewContextOptions
            {
                ViewportSize = new() { Width = 1600, Height = 1000 },
                HttpCredentials = new() { Username = "anyone", Password = "look" },
            });
            await using var _ = context;
            var errors = new List<string>();
            var loaded = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    lock (errors)
                    {
                        errors.Add($"console: {message.Text}");
                    }
                }
            };
            page.PageError += (_, error) =>
            {
                output.WriteLine($"page error: {error}");
                lock (errors)
                {
                    errors.Add($"page error: {error}");
                }
            };
            page.Response += (_, response) =>
            {
                if (response.Request.ResourceType == "script" && response.Status == 200)
                {
                    lock (loaded)
                    {
                        loaded.Add(new Uri(response.Url).AbsolutePath);
                    }
                }
            };

            await page.GotoAsync(aggregator.Address.ToString());
            await WaitForLiveAsync(page);

            // No neuron has been seen yet: the page says so, and the summary counts nothing.
            await page.Locator("#graph-empty").WaitForAsync(new() { Timeout = WaitMs });
            Assert.Equal("0 neurons · 0 online · 0 connections", await page.Locator("#summary").TextContentAsync());
            Assert.Equal("live", await page.Locator("#connection .label").TextContentAsync());
            lock (loaded)
            {
                Assert.Equal(
                    PageEndpoints.Files.Select(f => f.Path).Where(p => p.EndsWith(".js", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
                    loaded.Distinct().Order(StringComparer.Ordinal));
            }

            lock (errors)
            {
                Assert.Empty(errors);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
