using System.Text.Json;

namespace PiNeurons.Deploy.Tests.Support;

/// <summary>One Dockerfile instruction with its line continuations joined.</summary>
/// <param name="Keyword">The instruction, upper case (FROM, RUN, ...).</param>
/// <param name="Arguments">Everything after the keyword, continuations joined as Docker joins them.</param>
/// <param name="Line">The 1-based line the instruction starts on.</param>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    /// <summary>Exec (JSON array) form, as in <c>ENTRYPOINT ["dotnet", "x.dll"]</c>.</summary>
    public bool IsExecForm => Arguments.StartsWith('[');

    /// <summary>The elements of an exec-form instruction.</summary>
    public IReadOnlyList<string> ExecArguments()
    {
        if (!IsExecForm)
        {
            throw new InvalidOperationException($"line {Line}: {Keyword} is in shell form, not exec form.");
        }

        return JsonSerializer.Deserialize<string[]>(Arguments)
            ?? throw new InvalidOperationException($"line {Line}: {Keyword} has an empty JSON array.");
    }

    /// <summary>The leading <c>--name=value</c> flags (FROM --platform, COPY --from); a flag without
    /// a value maps to the empty string.</summary>
    public IReadOnlyDictionary<string, string> Flags()
    {
        var flags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var word in Words().TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal)))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            flags[eq < 0 ? word[2..] : word[2..eq]] = eq < 0 ? "" : word[(eq + 1)..];
        }

        return flags;
    }

    /// <summary>The arguments after the leading flags, split on white space (shell form only).</summary>
    public IReadOnlyList<string> Operands() =>
        Words().SkipWhile(w => w.StartsWith("--", StringComparison.Ordinal)).ToArray();

    private string[] Words() => Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"line {Line}: {Keyword} {Arguments}";
}
