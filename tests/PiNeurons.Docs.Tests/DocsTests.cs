using Xunit.Abstractions;

namespace PiNeurons.Docs.Tests;

/// <summary>
/// Every command block of README.md and docs/*.md runs as written (but those marked to be skipped, by name), and
/// the demo's printed hints run verbatim. The reports, which list each block run or skipped, are written to
/// tests/PiNeurons.Docs.Tests/bin/docs-report/ (test.sh prints them: dotnet test shows a test's output only when it fails).
/// </summary>
public sealed class DocsTests(ITestOutputHelper output)
{
    // A hang guard for a whole run; the blocks have their own timeouts.
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(40);

    [Fact]
    public Task CommandBlocks_OfReadmeAndDocs_RunAsWritten() => RunAsync("blocks");

    [Fact]
    public Task DemoHints_PrintedByDemoStay_RunVerbatim() => RunAsync("demo-hints");

    /// <summary>Where the report of <paramref name="mode"/> goes.</summary>
    public static string ReportPath(string mode) => Path.Combine(RepoRoot.Path, "tests", "PiNeurons.Docs.Tests", "bin", "docs-report", mode + ".txt");

    private async Task RunAsync(string mode)
    {
        var report = ReportPath(mode);
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        File.Delete(report);
        var (exitCode, runnerOutput) = await PrivateNetwork.RunAsync(mode, report, RunTimeout);
        var text = File.Exists(report) ? await File.ReadAllTextAsync(report) : $"no report: the runner exited {exitCode}; its output:\n{runnerOutput}";
        output.WriteLine(text);
        Assert.True(exitCode == 0, text);
    }
}
