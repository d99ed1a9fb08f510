using System.Text.RegularExpressions;

namespace PiNeurons.Deploy.Tests.Support;

/// <summary>A parsed Dockerfile: global ARGs (before the first FROM) and the stages in order.</summary>
internal sealed partial class DockerfileModel
{
    private DockerfileModel(IReadOnlyDictionary<string, string?> globalArgs, IReadOnlyList<DockerStage> stages)
    {
        GlobalArgs = globalArgs;
        Stages = stages;
    }

    public IReadOnlyDictionary<string, string?> GlobalArgs { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>The stage that becomes the image when no --target is given.</summary>
    public DockerStage Final => Stages[^1];

    public static DockerfileModel Parse(string text)
    {
        var instructions = DockerfileParser.Parse(text);
        var globalArgs = new Dictionary<string, string?>(StringComparer.Ordinal);
        var stages = new List<DockerStage>();
        DockerInstruction? from = null;
        var body = new List<DockerInstruction>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                if (from is not null)
                {
                    stages.Add(Stage(from, body, globalArgs));
                }

                from = instruction;
                body = [];
            }
            else if (from is null)
            {
                if (instruction.Keyword != "ARG")
                {
                    throw new FormatException($"{instruction}: only ARG may come before the first FROM.");
                }

                var (name, value) = SplitArg(instruction.Arguments);
                globalArgs[name] = value;
            }
            else
            {
                body.Add(instruction);
            }
        }

        if (from is null)
        {
            throw new FormatException("The Dockerfile has no FROM.");
        }

        stages.Add(Stage(from, body, globalArgs));
        return new DockerfileModel(globalArgs, stages);
    }

    public DockerStage? StageNamed(string name) =>
        Stages.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    internal static (string Name, string? Default) SplitArg(string arguments)
    {
        var eq = arguments.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (arguments.Trim(), null) : (arguments[..eq].Trim(), ShellWords.Unquote(arguments[(eq + 1)..].Trim()));
    }

    private static DockerStage Stage(DockerInstruction from, List<DockerInstruction> body, Dictionary<string, string?> globalArgs)
    {
        var operands = from.Operands();
        if (operands.Count is not (1 or 3) || (operands.Count == 3 && !operands[1].Equals("AS", StringComparison.OrdinalIgnoreCase)))
        {
            throw new FormatException($"{from}: expected FROM [--platform=P] IMAGE [AS NAME].");
        }

        from.Flags().TryGetValue("platform", out var platform);
        var image = Variable().Replace(operands[0], m =>
            globalArgs.GetValueOrDefault(m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Value) ?? m.Value);
        return new DockerStage(from, image, platform, operands.Count == 3 ? operands[2] : null, body.ToArray());
    }

    [GeneratedRegex(@"\$\{(?<a>[A-Za-z_][A-Za-z0-9_]*)\}|\$(?<b>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Variable();
}
