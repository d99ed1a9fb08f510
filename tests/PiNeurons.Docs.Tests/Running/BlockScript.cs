using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PiNeurons.Docs.Tests.Markdown;

namespace PiNeurons.Docs.Tests.Running;

/// <summary>
/// The bash script that runs some lines of a doc. Its line N is line N of the markdown file, so bash's own
/// messages ("README.md-367.sh: line 368: ...") and its ERR trap's point into the doc; line 1 sends the output to
/// the log and sets <c>set -eo pipefail</c>: the first failing command fails the block, also inside a pipe (a
/// <c>curl | jq</c> whose curl fails must not pass because jq printed nothing).
/// </summary>
internal static partial class BlockScript
{
    // What the script's ERR trap writes to the log when a command fails: the exit code and the doc's line.
    private const string FailureMark = "[docs-test]";

    /// <summary>Writes the script for <paramref name="lines"/> of <paramref name="block"/> under <paramref name="folder"/>,
    /// named for the file and the first line; returns the script's and the log's paths.</summary>
    public static (string Script, string Log) Write(string folder, CommandBlock block, IReadOnlyList<SourceLine> lines, string? before)
    {
        var name = $"{block.File.Replace('/', '_')}-{(lines.Count > 0 ? lines[0].Number : block.Line)}";
        var script = Path.Combine(folder, name + ".sh");
        var log = Path.Combine(folder, name + ".log");
        var text = new StringBuilder();
        text.Append("exec >").Append(ShellQuote.Of(log)).Append(" 2>&1; set -eo pipefail; trap ").Append(ShellQuote.Of($"echo \"{FailureMark} exit $? at line $LINENO\"")).Append(" ERR");
        if (before is not null)
        {
            text.Append("; ").Append(before);
        }

        text.Append('\n');
        var next = 2;
        foreach (var line in lines)
        {
            for (; next < line.Number; next++)
            {
                text.Append('\n');
            }

            text.Append(line.Text).Append('\n');
            next = line.Number + 1;
        }

        File.WriteAllText(script, text.ToString());
        return (script, log);
    }

    /// <summary>Where a failed script stopped, from its ERR trap's line in the log: the exit code and the doc's line
    /// (line 1 is the script's own first line: its <c>before</c> command).</summary>
    public static (int ExitCode, int Line)? FailureIn(string log)
    {
        var match = File.Exists(log) ? File.ReadLines(log).Select(l => FailureLine().Match(l)).LastOrDefault(m => m.Success) : null;
        return match is null ? null : (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>What a failure shows of a log: all of a short one; of a long one its first lines (where a command
    /// line parser says what it refused, before its help) and its last (where a program says why it stopped).</summary>
    public static IReadOnlyList<string> Tail(string log)
    {
        var lines = File.Exists(log) ? File.ReadAllLines(log) : [];
        return lines.Length <= 30 ? lines : [.. lines.Take(8), $"... ({lines.Length - 28} lines) ...", .. lines.TakeLast(20)];
    }

    [GeneratedRegex(@"^\[docs-test\] exit (\d+) at line (\d+)$")]
    private static partial Regex FailureLine();
}
