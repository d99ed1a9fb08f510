namespace PiNeurons.Docs.Tests.Markdown;

/// <summary>One command as a reader types it: a line, with the lines its trailing <c>\</c> continues onto.</summary>
/// <param name="Lines">Its physical lines, in order.</param>
internal sealed record ShellCommandLine(IReadOnlyList<SourceLine> Lines)
{
    /// <summary>The line it starts on.</summary>
    public int Line => Lines[0].Number;

    /// <summary>How the report names it: its first line, spaces squeezed, shortened.</summary>
    public string Display
    {
        get
        {
            var first = string.Join(' ', Lines[0].Text.TrimEnd('\\').Split(' ', StringSplitOptions.RemoveEmptyEntries));
            var text = Lines.Count > 1 ? first + " \\ ..." : first;
            return text.Length <= 110 ? text : text[..107] + "...";
        }
    }

    /// <summary>The commands of <paramref name="lines"/>: blank lines and comment lines are not commands.</summary>
    public static IReadOnlyList<ShellCommandLine> Split(IEnumerable<SourceLine> lines)
    {
        List<ShellCommandLine> commands = [];
        List<SourceLine>? current = null;
        foreach (var line in lines)
        {
            if (current is null)
            {
                var trimmed = line.Text.Trim();
                if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                {
                    continue;
                }

                current = [];
            }

            current.Add(line);
            // bash continues a line only when the backslash is its very last character.
            if (!line.Text.EndsWith('\\'))
            {
                commands.Add(new ShellCommandLine(current));
                current = null;
            }
        }

        if (current is not null)
        {
            commands.Add(new ShellCommandLine(current));
        }

        return commands;
    }
}
