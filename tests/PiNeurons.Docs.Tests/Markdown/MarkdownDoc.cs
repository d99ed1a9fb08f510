using System.Text.RegularExpressions;

namespace PiNeurons.Docs.Tests.Markdown;

/// <summary>
/// A markdown file's command blocks, its services and its misplaced markers. Fences follow CommonMark: three
/// or more backticks or tildes, closed by the same character at least as many times with nothing after, so a
/// <c>```sh</c> shown inside a <c>````markdown</c> example is content, not a block.
/// </summary>
internal sealed partial class MarkdownDoc
{
    /// <summary>The info strings (first word) of the blocks a reader runs; yaml, json, text and the like are not commands.</summary>
    public static IReadOnlyList<string> CommandLanguages { get; } = ["sh", "bash", "shell", "console"];

    private MarkdownDoc(string file, IReadOnlyList<CommandBlock> blocks, IReadOnlyList<string> services, IReadOnlyList<string> errors)
    {
        File = file;
        Blocks = blocks;
        Services = services;
        Errors = errors;
    }

    /// <summary>The file, relative to the repository root.</summary>
    public string File { get; }

    /// <summary>Its command blocks, in order.</summary>
    public IReadOnlyList<CommandBlock> Blocks { get; }

    /// <summary>What its <c>services</c> marker names, else <see cref="MarkerSyntax.DefaultServices"/>.</summary>
    public IReadOnlyList<string> Services { get; }

    /// <summary>Markers that apply to nothing or could not be read (file:line and why).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Reads <paramref name="relative"/> under <paramref name="root"/>.</summary>
    public static MarkdownDoc Read(string root, string relative)
    {
        var lines = System.IO.File.ReadAllLines(Path.Combine(root, relative));
        List<CommandBlock> blocks = [];
        List<string> errors = [];
        IReadOnlyList<string>? services = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var open = OpeningFence().Match(lines[i]);
            if (!open.Success)
            {
                if (MarkerSyntax.BodyOf(lines[i]) is { } body && MarkerSyntax.KeywordOf(body) == MarkerSyntax.Services)
                {
                    var (names, bad) = MarkerSyntax.ReadServices(body);
                    services = names;
                    errors.AddRange(bad.Select(e => $"{relative}:{i + 1}: {e}"));
                }

                continue;
            }

            var fence = open.Groups["fence"].Value;
            var indent = open.Groups["indent"].Value.Length;
            var language = open.Groups["info"].Value.ToLowerInvariant();
            var end = i + 1;
            while (end < lines.Length && !IsClosing(lines[end], fence))
            {
                end++;
            }

            var bodies = MarkersAbove(lines, i);
            if (CommandLanguages.Contains(language))
            {
                var content = Enumerable.Range(i + 1, end - i - 1).Select(n => new SourceLine(n + 1, Unindent(lines[n], indent)));
                blocks.Add(new CommandBlock(relative, i + 1, language == "console" ? Prompted(content) : [.. content], MarkerSyntax.ReadBlock(bodies)));
            }
            else if (bodies.Count > 0)
            {
                errors.Add($"{relative}:{i + 1}: a docs-test marker above a ```{language} block, which is not a command block and never runs");
            }

            i = end;
        }

        return new MarkdownDoc(relative, blocks, services ?? MarkerSyntax.DefaultServices, errors);
    }

    // The block markers among the lines right above a fence: the run of non-blank lines that ends at it.
    private static List<string> MarkersAbove(string[] lines, int fence)
    {
        List<string> bodies = [];
        for (var j = fence - 1; j >= 0 && lines[j].Trim().Length > 0 && !OpeningFence().IsMatch(lines[j]); j--)
        {
            if (MarkerSyntax.BodyOf(lines[j]) is { } body && MarkerSyntax.KeywordOf(body) != MarkerSyntax.Services)
            {
                bodies.Insert(0, body);
            }
        }

        return bodies;
    }

    private static bool IsClosing(string line, string fence)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= fence.Length && trimmed.All(c => c == fence[0]);
    }

    // A fence inside a list item is indented; its content carries the same indentation, which is not part of the command.
    private static string Unindent(string line, int indent)
    {
        var spaces = line.Length - line.TrimStart(' ').Length;
        return line[Math.Min(spaces, indent)..];
    }

    // A console block shows commands after a "$ " prompt, and their output: only the commands run.
    private static List<SourceLine> Prompted(IEnumerable<SourceLine> content)
    {
        List<SourceLine> commands = [];
        var continued = false;
        foreach (var line in content)
        {
            if (continued || line.Text.StartsWith("$ ", StringComparison.Ordinal))
            {
                var text = continued ? line.Text : line.Text[2..];
                commands.Add(line with { Text = text });
                continued = text.EndsWith('\\');
            }
        }

        return commands;
    }

    [GeneratedRegex(@"^(?<indent> *)(?<fence>`{3,}|~{3,})\s*(?<info>[^\s`]*)")]
    private static partial Regex OpeningFence();
}
