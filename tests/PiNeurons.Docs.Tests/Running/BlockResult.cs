using PiNeurons.Docs.Tests.Markdown;

namespace PiNeurons.Docs.Tests.Running;

/// <summary>What running one block gave.</summary>
/// <param name="Block">The block.</param>
/// <param name="Outcome">Passed, failed or skipped.</param>
/// <param name="Duration">From its start to its end (for a background block or a listener: to being ready or left running).</param>
/// <param name="Detail">One line: the exit code, the command that failed and its line, or what was left running.</param>
/// <param name="Output">For a failure: the last lines the failing command wrote.</param>
internal sealed record BlockResult(CommandBlock Block, Outcome Outcome, TimeSpan Duration, string Detail, IReadOnlyList<string> Output)
{
    /// <summary>A skipped block.</summary>
    public static BlockResult Skipped(CommandBlock block) => new(block, Outcome.Skipped, TimeSpan.Zero, block.Marker.SkipReason ?? string.Empty, []);
}
