using System.Text;
using System.Text.RegularExpressions;

namespace PiNeurons.Deploy.Tests.Support;

/// <summary>
/// A small Dockerfile reader, enough for the checks in this project: parser directives (only
/// <c>escape</c> matters here), comments, line continuations, and one instruction per logical line.
/// It follows the Dockerfile reference: a comment line inside a continuation is dropped, an empty
/// line inside one is skipped, and the escape character plus newline is removed with nothing put in
/// its place. Heredocs (<c>RUN &lt;&lt;EOF</c>) are refused rather than misread.
/// </summary>
internal static partial class DockerfileParser
{
    public static IReadOnlyList<DockerInstruction> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var escape = EscapeDirective(lines);
        var instructions = new List<DockerInstruction>();
        StringBuilder? pending = null;
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var body = lines[i].TrimEnd();
            var continues = body.EndsWith(escape);
            if (continues)
            {
                body = body[..^1];
            }

            if (pending is null)
            {
                pending = new StringBuilder(body.TrimStart());
                start = i + 1;
            }
            else
            {
                pending.Append(body);
            }

            if (!continues)
            {
                instructions.Add(Instruction(pending.ToString(), start));
                pending = null;
            }
        }

        if (pending is not null)
        {
            instructions.Add(Instruction(pending.ToString(), start));
        }

        return instructions;
    }

    private static DockerInstruction Instruction(string logicalLine, int line)
    {
        var space = logicalLine.IndexOfAny([' ', '\t']);
        var keyword = (space < 0 ? logicalLine : logicalLine[..space]).ToUpperInvariant();
        var arguments = space < 0 ? "" : logicalLine[(space + 1)..].Trim();
        if (keyword is "RUN" or "COPY" or "ADD" && Heredoc().IsMatch(arguments))
        {
            throw new NotSupportedException($"line {line}: {keyword} uses a heredoc, which this test parser does not read.");
        }

        return new DockerInstruction(keyword, arguments, line);
    }

    /// <summary>Parser directives are <c># name=value</c> lines before anything else, comments included.</summary>
    private static char EscapeDirective(string[] lines)
    {
        foreach (var line in lines)
        {
            var match = Directive().Match(line);
            if (!match.Success)
            {
                break;
            }

            if (match.Groups["name"].Value.Equals("escape", StringComparison.OrdinalIgnoreCase))
            {
                return match.Groups["value"].Value[0];
            }
        }

        return '\\';
    }

    [GeneratedRegex(@"^#\s*(?<name>[A-Za-z]+)\s*=\s*(?<value>\S+)\s*$")]
    private static partial Regex Directive();

    [GeneratedRegex(@"(^|\s)<<-?[""']?[A-Za-z_]")]
    private static partial Regex Heredoc();
}
