using System.Globalization;
using System.Text;

namespace PiNeurons.Cli.Flash;

/// <summary>
/// The two YAML forms the boot files use: double-quoted scalars for anything an operator typed (an SSID
/// may hold ': ' or '#', a key comment may hold anything), and literal blocks for whole files.
/// </summary>
internal static class YamlText
{
    /// <summary>A double-quoted YAML scalar; YAML escapes every control and line-break character.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ' or '\u007f' or '\u0085':
                    text.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                case '\u2028' or '\u2029' or '\ufeff':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: text.Append(c); break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>
    /// Writes <c>key: |</c> and the text as a literal block indented by <paramref name="indent"/> spaces,
    /// so the manifest and the unit stay readable in user-data. Text a literal block cannot carry exactly
    /// (a first line that starts with a space, control characters, several trailing newlines) returns
    /// false, and the caller falls back to base64.
    /// </summary>
    public static bool TryLiteralBlock(string text, int indent, out string block)
    {
        block = "";
        if (text.Length == 0 || text.EndsWith("\n\n", StringComparison.Ordinal) || text.Any(IsUnsafeInBlock))
        {
            return false;
        }

        var firstContent = text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0);
        if (firstContent is null || firstContent[0] == ' ')
        {
            return false;
        }

        var chomp = text.EndsWith('\n') ? "|" : "|-";
        var body = text.EndsWith('\n') ? text[..^1] : text;
        var pad = new string(' ', indent);
        var result = new StringBuilder(chomp).Append('\n');
        foreach (var line in body.Split('\n'))
        {
            result.Append(line.Length == 0 ? "" : pad + line).Append('\n');
        }

        block = result.ToString();
        return true;
    }

    private static bool IsUnsafeInBlock(char c) =>
        (c < ' ' && c is not '\n' and not '\t') || c is '\u007f' or '\u0085' or '\u2028' or '\u2029' or '\ufeff';
}
