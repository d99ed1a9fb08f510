namespace PiNeurons.Deploy.Tests.Support;

/// <summary>
/// Just enough shell for the checks: a RUN line is cut into simple commands at <c>&amp;&amp;</c>,
/// <c>||</c>, <c>;</c> and <c>|</c>, and each command into words with quotes removed. No expansion
/// and no nesting; quoted separators stay inside their word.
/// </summary>
internal static class ShellWords
{
    public static IReadOnlyList<IReadOnlyList<string>> Commands(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var commands = new List<IReadOnlyList<string>>();
        var current = new List<string>();
        foreach (var word in Split(script, keepSeparators: true))
        {
            if (word is "&&" or "||" or ";" or "|")
            {
                Flush();
            }
            else
            {
                current.Add(word);
            }
        }

        Flush();
        return commands;

        void Flush()
        {
            if (current.Count > 0)
            {
                commands.Add(current.ToArray());
                current = [];
            }
        }
    }

    public static IReadOnlyList<string> Split(string text) => Split(text, keepSeparators: false);

    public static string Unquote(string word) =>
        word.Length >= 2 && (word[0] is '"' or '\'') && word[^1] == word[0] ? word[1..^1] : word;

    private static List<string> Split(string text, bool keepSeparators)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }

                continue;
            }

            if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                End();
            }
            else if (keepSeparators && c is ';' or '&' or '|')
            {
                End();
                var pair = i + 1 < text.Length && text[i + 1] == c && c != ';';
                words.Add(pair ? new string(c, 2) : c.ToString());
                i += pair ? 1 : 0;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        End();
        return words;

        void End()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }
    }
}
