namespace PiNeurons.Deploy.Tests.Support;

/// <summary>One build stage: its FROM and the instructions up to the next FROM.</summary>
/// <param name="From">The FROM instruction.</param>
/// <param name="Image">The base image with global ARG defaults substituted.</param>
/// <param name="Platform">The --platform flag as written (null when absent).</param>
/// <param name="Name">The name after AS (null when absent).</param>
/// <param name="Instructions">The instructions after FROM.</param>
internal sealed record DockerStage(
    DockerInstruction From,
    string Image,
    string? Platform,
    string? Name,
    IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) =>
        Instructions.Where(i => i.Keyword == keyword);

    public DockerInstruction? Last(string keyword) => All(keyword).LastOrDefault();

    /// <summary>The ENV variables the stage sets, last one wins (both <c>ENV k=v</c> and <c>ENV k v</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instruction in All("ENV"))
        {
            var words = ShellWords.Split(instruction.Arguments);
            if (words.Count == 0)
            {
                continue;
            }

            if (!words[0].Contains('=', StringComparison.Ordinal))
            {
                env[words[0]] = string.Join(' ', words.Skip(1));
                continue;
            }

            foreach (var pair in words)
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                env[pair[..eq]] = pair[(eq + 1)..];
            }
        }

        return env;
    }

    /// <summary>The default of a stage-scoped <c>ARG name=default</c>, or null.</summary>
    public string? ArgDefault(string name)
    {
        foreach (var instruction in All("ARG"))
        {
            var (argName, value) = DockerfileModel.SplitArg(instruction.Arguments);
            if (argName == name)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The simple commands of every RUN in the stage, with the RUN they belong to.</summary>
    public IEnumerable<(DockerInstruction Run, IReadOnlyList<string> Command)> RunCommands() =>
        All("RUN").SelectMany(run => ShellWords.Commands(run.Arguments).Select(c => (run, c)));

    public override string ToString() => $"line {From.Line}: FROM {From.Arguments}";
}
