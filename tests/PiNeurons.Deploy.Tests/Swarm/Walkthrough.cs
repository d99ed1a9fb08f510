using System.Text;
using System.Text.RegularExpressions;
using PiNeurons.Deploy.Tests.Support;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// The commands a page tells a reader to run, in order: every <c>sh</c>, <c>bash</c> or <c>shell</c> block, comments
/// dropped, continuation lines joined, cut at <c>&amp;&amp;</c>, <c>;</c> and <c>|</c>, with what <c>export</c> set
/// carried from one command to the next. Enough shell to follow the walkthrough, not to run it: nothing is expanded but
/// the variables the rules ask about.
/// </summary>
internal sealed partial class Walkthrough(string file, string text, IReadOnlyList<WalkthroughCommand> commands)
{
    public string File { get; } = file;

    /// <summary>The whole page, prose included: a variable may be explained there rather than set.</summary>
    public string Text { get; } = text;

    public IReadOnlyList<WalkthroughCommand> Commands { get; } = commands;

    public static Walkthrough Read(string relativePath) => Parse(relativePath, RepoRoot.ReadAllText(relativePath));

    public static Walkthrough Parse(string file, string text)
    {
        var commands = new List<WalkthroughCommand>();
        var exported = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, script) in ShellLines(text))
        {
            foreach (var words in ShellWords.Commands(script))
            {
                var assignments = words.TakeWhile(w => Assignment().IsMatch(w)).ToArray();
                var rest = words.Skip(assignments.Length).ToArray();
                if (rest.Length > 0 && rest[0] == "export")
                {
                    foreach (var (name, value) in rest.Skip(1).Where(w => Assignment().IsMatch(w)).Select(Split))
                    {
                        exported[name] = ComposeVariables.Fill(value, exported);
                    }

                    continue;
                }

                var environment = new Dictionary<string, string>(exported, StringComparer.Ordinal);
                foreach (var (name, value) in assignments.Select(Split))
                {
                    environment[name] = ComposeVariables.Fill(value, exported);
                }

                if (rest.Length > 0)
                {
                    commands.Add(new WalkthroughCommand(line, rest, environment));
                }
            }
        }

        return new Walkthrough(file, text, commands);
    }

    /// <summary>Index of the first command that is <paramref name="prefix"/> and matches <paramref name="where"/>, or -1.</summary>
    public int IndexOf(Func<WalkthroughCommand, bool> where, params string[] prefix) =>
        Commands.ToList().FindIndex(c => c.Is(prefix) && where(c));

    private static (string Name, string Value) Split(string assignment)
    {
        var eq = assignment.IndexOf('=', StringComparison.Ordinal);
        return (assignment[..eq], assignment[(eq + 1)..]);
    }

    // The logical lines of the command blocks, each with the page line it starts on.
    private static IEnumerable<(int Line, string Script)> ShellLines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var shell = open.Groups["info"].Value is "sh" or "bash" or "shell";
            var indent = open.Groups["indent"].Value.Length;
            StringBuilder? pending = null;
            var start = 0;
            for (i++; i < lines.Length && lines[i].Trim() != open.Groups["fence"].Value; i++)
            {
                if (!shell)
                {
                    continue;
                }

                var body = WithoutComment(lines[i][Math.Min(indent, lines[i].Length - lines[i].TrimStart(' ').Length)..]).TrimEnd();
                if (pending is null)
                {
                    (pending, start) = (new StringBuilder(), i + 1);
                }

                if (body.EndsWith('\\'))
                {
                    pending.Append(body[..^1]).Append(' ');
                    continue;
                }

                pending.Append(body);
                if (pending.ToString().Trim().Length > 0)
                {
                    yield return (start, pending.ToString());
                }

                pending = null;
            }
        }
    }

    // A # that starts a word, outside quotes, starts a comment.
    private static string WithoutComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }

        return line;
    }

    [GeneratedRegex(@"^(?<indent> *)(?<fence>`{3,}|~{3,})\s*(?<info>[^\s`]*)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*=")]
    private static partial Regex Assignment();
}
