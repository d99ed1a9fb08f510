using System.Globalization;
using System.Text;
using PiNeurons.Docs.Tests.Markdown;

namespace PiNeurons.Docs.Tests.Running;

/// <summary>The report of a docs run: every block run or skipped (file:line, first command), the skips by reason,
/// every failure with its command, exit code and last output lines, and the totals and time.</summary>
internal static class Report
{
    /// <summary>The report's text.</summary>
    public static string Format(IReadOnlyList<FileResult> files, TimeSpan total, string? fatal)
    {
        var text = new StringBuilder();
        text.AppendLine("Docs commands: every sh/bash/shell/console block of README.md and docs/*.md, run as written");
        text.AppendLine("  in a private network namespace (Mosquitto on 127.0.0.1:1883, the aggregator's 8080 free), bash with set -eo pipefail,");
        text.AppendLine("  from a copy of the repository, with pineurons and PiNeurons.Node on PATH (the solution's build) and no PINEURONS_* set;");
        text.AppendLine(Invariant($"  a block has {BlockRunner.CommandTimeout.TotalSeconds:0} s ({BlockRunner.BuildTimeout.TotalSeconds:0} s when it runs dotnet run/build/publish); markers: docs/testing.md"));
        foreach (var file in files)
        {
            text.AppendLine();
            text.AppendLine(file.Blocks.Count == 0 ? $"{file.File}  (no command blocks)" : $"{file.File}  [services: {file.Services}]");
            foreach (var block in file.Blocks)
            {
                text.AppendLine(Line(block));
            }

            foreach (var error in file.Errors)
            {
                text.AppendLine("  ERROR " + error);
            }
        }

        var all = files.SelectMany(f => f.Blocks).ToList();
        var skipped = all.Where(b => b.Outcome == Outcome.Skipped).ToList();
        text.AppendLine();
        text.AppendLine($"Skipped by name ({skipped.Count}):");
        foreach (var reason in skipped.GroupBy(b => b.Block.Marker.SkipReason ?? string.Empty))
        {
            text.AppendLine($"  {reason.Key}: {SkipReasons.All.GetValueOrDefault(reason.Key, "?")}");
            foreach (var block in reason)
            {
                var note = block.Block.Marker.Note is { } n ? $"  ({n})" : string.Empty;
                text.AppendLine($"    {block.Block.Where,-22} {block.Block.FirstCommand}{note}");
            }
        }

        var failed = all.Where(b => b.Outcome == Outcome.Failed).ToList();
        var errors = files.SelectMany(f => f.Errors).ToList();
        if (failed.Count > 0 || errors.Count > 0 || fatal is not null)
        {
            text.AppendLine();
            text.AppendLine($"FAILED ({failed.Count} blocks{(errors.Count > 0 ? $", {errors.Count} marker errors" : string.Empty)}):");
            foreach (var block in failed)
            {
                text.AppendLine($"  {block.Block.Where}  `{block.Block.FirstCommand}`");
                text.AppendLine($"    {block.Detail}");
                foreach (var line in block.Output)
                {
                    text.AppendLine("    | " + line);
                }
            }

            foreach (var error in errors)
            {
                text.AppendLine("  " + error);
            }

            if (fatal is not null)
            {
                text.AppendLine("  the run itself failed: " + fatal);
            }
        }

        text.AppendLine();
        text.AppendLine(Invariant($"{all.Count} blocks: {all.Count(b => b.Outcome == Outcome.Passed)} passed, {failed.Count} failed, {skipped.Count} skipped; docs run took {total.TotalSeconds:0.0} s."));
        return text.ToString();
    }

    private static string Line(BlockResult block)
    {
        var (tag, detail) = block.Outcome switch
        {
            Outcome.Passed => ("ok  ", block.Detail),
            Outcome.Failed => ("FAIL", block.Detail),
            _ => ("skip", block.Block.Marker.SkipReason),
        };
        var time = block.Outcome == Outcome.Skipped ? string.Empty : Invariant($"{block.Duration.TotalSeconds:0.0} s");
        return $"  {tag}  {block.Block.Where,-22} {time,7}  {block.Block.FirstCommand}  [{detail}]";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
