using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PiNeurons.Aggregator.Tests.Browser;

/// <summary>Waits and reads on the page's stable hooks (data-neuron, data-event-id, window.piNeurons.flashLog).</summary>
internal static class PageAssertions
{
    /// <summary>Generous: a loaded CI machine must not fail a test that only waits.</summary>
    public const float WaitMs = 20_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A fired event the page flashed, as window.piNeurons.flashLog records it.</summary>
    public sealed record Flash(string Neuron, long EventId, bool Drawn);

    public static Task WaitForNodesAsync(IPage page, int nodes, int edges, string nodeSelector = "#nodes .node") =>
        page.WaitForFunctionAsync(
            "([sel, n, e]) => document.querySelectorAll(sel).length === n && document.querySelectorAll('#edges .edge').length === e",
            new object[] { nodeSelector, nodes, edges },
            new() { Timeout = WaitMs });

    public static Task WaitForLiveAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.getElementById('connection').dataset.state === 'live'", null, new() { Timeout = WaitMs });

    public static async Task<IReadOnlyList<Flash>> WaitForFlashesAsync(IPage page, int count)
    {
        await page.WaitForFunctionAsync("n => window.piNeurons.flashLog.length >= n", count, new() { Timeout = WaitMs });
        return await EvaluateJsonAsync<Flash[]>(page, "() => window.piNeurons.flashLog");
    }

    /// <summary>Evaluates <paramref name="script"/> and reads its result as JSON into <typeparamref name="T"/>
    /// (Playwright's own conversion needs parameterless constructors, which records do not have).</summary>
    public static async Task<T> EvaluateJsonAsync<T>(IPage page, string script)
    {
        var json = await page.EvaluateAsync<string>($"() => JSON.stringify(({script})())");
        return JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidOperationException($"{script} gave null");
    }

    /// <summary>The timeline rows' (neuron, type, id), top to bottom.</summary>
    public static async Task<IReadOnlyList<(string Neuron, string Type, long Id)>> TimelineAsync(IPage page)
    {
        var rows = await page.EvaluateAsync<string[][]>(
            "() => [...document.querySelectorAll('#timeline-body tr')].map(r => [r.dataset.neuron, r.dataset.type, r.dataset.eventId])");
        return [.. rows.Select(r => (r[0], r[1], long.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)))];
    }

    /// <summary>Saves a screenshot of the viewport (or, with <paramref name="fullPage"/>, of the whole scrolled page)
    /// under the test output's artifacts/ and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name, ITestOutputHelper output, bool fullPage = false)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "artifacts", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
