using System.Diagnostics;
using PiNeurons.Docs.Tests.Markdown;

namespace PiNeurons.Docs.Tests.Running;

/// <summary>
/// Runs the command blocks of README.md and docs/*.md, file by file and in order within a file, as a reader
/// following the page would; each file with its services. Runs inside the private network namespace.
/// </summary>
internal static class DocsRun
{
    /// <summary>The docs whose blocks run: the README and the top level of docs/.</summary>
    public static IReadOnlyList<string> Files(string repo) =>
        ["README.md", .. Directory.GetFiles(Path.Combine(repo, "docs"), "*.md").Select(f => Path.GetRelativePath(repo, f)).Order(StringComparer.Ordinal)];

    /// <summary>Runs them all, writes the report to <paramref name="reportPath"/> and to stdout; 0 when nothing failed.</summary>
    public static async Task<int> RunAsync(string reportPath)
    {
        var clock = Stopwatch.StartNew();
        List<FileResult> results = [];
        string? fatal = null;
        try
        {
            var environment = DocsEnvironment.Create("blocks");
            var tree = DocsTree.Refresh(RepoRoot.Path, Path.Combine(AppContext.BaseDirectory, "docs-tree"));
            var runner = new BlockRunner(environment, tree);
            foreach (var file in Files(RepoRoot.Path))
            {
                var result = await RunFileAsync(MarkdownDoc.Read(tree, file), runner, environment, tree);
                results.Add(result);
                Console.WriteLine($"{file}: {result.Blocks.Count(b => b.Outcome == Outcome.Passed)} passed, {result.Blocks.Count(b => b.Outcome == Outcome.Failed)} failed, {result.Blocks.Count(b => b.Outcome == Outcome.Skipped)} skipped");
            }
        }
#pragma warning disable CA1031 // Whatever stops the run is reported with what ran so far, and fails it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            fatal = ex.ToString();
        }

        var report = Report.Format(results, clock.Elapsed, fatal);
        Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
        await File.WriteAllTextAsync(reportPath, report);
        Console.WriteLine(report);
        var failed = fatal is not null || results.Any(f => f.Errors.Count > 0 || f.Blocks.Any(b => b.Outcome == Outcome.Failed));
        return failed ? 1 : 0;
    }

    private static async Task<FileResult> RunFileAsync(MarkdownDoc doc, BlockRunner runner, DocsEnvironment environment, string tree)
    {
        if (doc.Blocks.All(b => b.Marker.Mode == BlockMode.Skip && b.Marker.Errors.Count == 0))
        {
            return new FileResult(doc.File, "none needed", [.. doc.Blocks.Select(BlockResult.Skipped)], doc.Errors);
        }

        FileServices services;
        try
        {
            services = await FileServices.StartAsync(doc.Services, environment, tree);
        }
#pragma warning disable CA1031 // A service that does not start fails the file's blocks, with why; the next file still runs.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var why = "its services did not start: " + ex.Message;
            return new FileResult(doc.File, string.Join(", ", doc.Services), [.. doc.Blocks.Select(b => b.Marker.Mode == BlockMode.Skip
                ? BlockResult.Skipped(b)
                : new BlockResult(b, Outcome.Failed, TimeSpan.Zero, why.Split('\n')[0], [.. why.Split('\n').TakeLast(20)]))], doc.Errors);
        }

        await using (services)
        {
            List<BlockRun> runs = [];
            foreach (var block in doc.Blocks)
            {
                runs.Add(await runner.RunAsync(block));
            }

            List<BlockResult> results = [.. runs.Select(r => r.Judge())];
            foreach (var run in runs)
            {
                await run.StopAsync();
            }

            return new FileResult(doc.File, services.Description, results, doc.Errors);
        }
    }
}
