namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// A mosquitto.conf read the way Mosquitto reads it: one <c>name value</c> per line, lines starting
/// with <c>#</c> are comments, a name may repeat (listener, log_type).
/// </summary>
internal sealed class MosquittoConfig
{
    private MosquittoConfig(IReadOnlyList<Directive> directives) => Directives = directives;

    /// <summary>One setting line; <paramref name="Line"/> is 1-based.</summary>
    public sealed record Directive(string Name, string Value, int Line);

    public IReadOnlyList<Directive> Directives { get; }

    public static MosquittoConfig Parse(string text)
    {
        var directives = new List<Directive>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.IndexOfAny([' ', '\t']);
            directives.Add(space < 0
                ? new Directive(line, "", i + 1)
                : new Directive(line[..space], line[(space + 1)..].Trim(), i + 1));
        }

        return new MosquittoConfig(directives);
    }

    /// <summary>Every value of <paramref name="name"/>, in file order.</summary>
    public IEnumerable<string> All(string name) => Directives.Where(d => d.Name == name).Select(d => d.Value);

    /// <summary>The last value of <paramref name="name"/> (Mosquitto keeps the last one), or null.</summary>
    public string? Value(string name) => All(name).LastOrDefault();
}
