namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>One command of a walkthrough's shell blocks, with the variables set for it by then.</summary>
/// <param name="Line">The 1-based line of the page it starts on.</param>
/// <param name="Words">Its words, quotes removed, leading <c>NAME=value</c> assignments taken off.</param>
/// <param name="Environment">What <c>export</c> set before it, plus its own assignments.</param>
internal sealed record WalkthroughCommand(int Line, IReadOnlyList<string> Words, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Whether it is <paramref name="prefix"/> (<c>docker stack deploy</c>: "docker", "stack", "deploy").</summary>
    public bool Is(params string[] prefix) => Words.Count >= prefix.Length && Words.Take(prefix.Length).SequenceEqual(prefix);

    /// <summary>The values of <paramref name="names"/> (<c>-t</c>, <c>--tag</c>), as <c>-t V</c> or <c>--tag=V</c>.</summary>
    public IEnumerable<string> Options(params string[] names)
    {
        for (var i = 0; i < Words.Count; i++)
        {
            var eq = Words[i].IndexOf('=', StringComparison.Ordinal);
            if (names.Contains(Words[i]) && i + 1 < Words.Count)
            {
                yield return Words[++i];
            }
            else if (eq > 0 && names.Contains(Words[i][..eq]))
            {
                yield return Words[i][(eq + 1)..];
            }
        }
    }

    /// <summary><paramref name="word"/> with the variables this command sees filled in, as the shell would.</summary>
    public string Fill(string word) => ComposeVariables.Fill(word, Environment);

    public override string ToString() => $"line {Line}: {string.Join(' ', Words)}";
}
