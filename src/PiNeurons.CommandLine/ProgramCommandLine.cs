using System.CommandLine;
using System.CommandLine.Invocation;
using PiNeurons.Core;

namespace PiNeurons.CommandLine;

/// <summary>
/// A program's command line, parsed by System.CommandLine: every <see cref="OptionSpec"/> becomes an option whose value
/// lands on its configuration key, so the program binds its options class from configuration as before. It answers
/// --help and --version itself, and turns every bad command line into one message and exit code 2.
/// </summary>
public sealed class ProgramCommandLine
{
    private readonly string _program;
    private readonly IReadOnlyList<OptionSpec> _specs;
    private readonly Func<string, bool>? _passThrough;
    private readonly RootCommand _root;
    private readonly Dictionary<OptionSpec, Option> _options = [];

    /// <summary>Creates the command line of <paramref name="program"/>.</summary>
    /// <param name="program">The name --version and messages use, e.g. <c>pineurons-node</c>.</param>
    /// <param name="description">The first lines of --help: what the program does, its usage, its exit codes.</param>
    /// <param name="specs">Its options.</param>
    /// <param name="passThrough">Accepts a <c>--name=value</c> argument that is no option when it returns true for the name
    /// (ASP.NET Core's <c>--Section:Key=value</c>); null accepts none.</param>
    public ProgramCommandLine(string program, string description, IReadOnlyList<OptionSpec> specs, Func<string, bool>? passThrough = null)
    {
        ArgumentNullException.ThrowIfNull(specs);
        _program = program;
        _specs = specs;
        _passThrough = passThrough;
        _root = new RootCommand(description) { TreatUnmatchedTokensAsErrors = passThrough is null };
        foreach (var spec in specs)
        {
            Option option = spec.IsFlag
                ? new Option<bool>(spec.Name) { Description = spec.Description }
                : new Option<string>(spec.Name) { Description = spec.Description, HelpName = spec.ValueName };
            _options[spec] = option;
            _root.Options.Add(option);
        }

        foreach (var version in _root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionAction(program);
        }
    }

    /// <summary>The program's options.</summary>
    public IReadOnlyList<OptionSpec> Options => _specs;

    /// <summary>
    /// Parses <paramref name="args"/>. Returns an exit code when the program is done: --help or --version printed
    /// (0), or a bad command line reported on <paramref name="error"/> (2). Otherwise null, and
    /// <paramref name="values"/> holds the configuration keys the command line sets.
    /// </summary>
    public int? Parse(IReadOnlyList<string> args, TextWriter output, TextWriter error, out Dictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parse = Interpret(args, out values, out var problems);
        if (parse.Action is not null and not ParseErrorAction)
        {
            // --help or --version.
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        }

        if (problems.Count == 0)
        {
            return null;
        }

        foreach (var problem in problems)
        {
            error.WriteLine($"{_program}: {problem}");
        }

        error.WriteLine("Run with --help for the options.");
        return ExitCodes.Usage;
    }

    /// <summary>The configuration keys <paramref name="args"/> set, for a program started in-process (tests, the CLI's demo).</summary>
    /// <exception cref="ArgumentException">A bad command line, with every problem.</exception>
    public Dictionary<string, string?> Values(IReadOnlyList<string> args)
    {
        Interpret(args, out var values, out var problems);
        return problems.Count == 0 ? values : throw new ArgumentException(string.Join("; ", problems));
    }

    private ParseResult Interpret(IReadOnlyList<string> args, out Dictionary<string, string?> values, out List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(args);
        values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var parse = _root.Parse([.. args]);
        problems = [.. parse.Errors.Select(e => e.Message)];
        if (_passThrough is not null)
        {
            // Unmatched tokens are not errors to the parser then: each must be a --Section:Key=value setting.
            foreach (var token in parse.UnmatchedTokens)
            {
                if (PassThrough(token) is { } setting)
                {
                    values[setting.Key] = setting.Value;
                }
                else
                {
                    problems.Add($"Unrecognized command or argument '{token}'.");
                }
            }
        }

        if (problems.Count > 0)
        {
            return parse;
        }

        foreach (var (spec, option) in _options)
        {
            if (parse.GetResult(option) is { Implicit: false } result)
            {
                values[spec.ConfigurationKey] = spec.IsFlag
                    ? (result.GetValueOrDefault<bool>() ? "true" : "false")
                    : result.GetValueOrDefault<string>();
            }
        }

        return parse;
    }

    /// <summary>The configuration keys that <paramref name="specs"/>' environment variables set (<see cref="EnvironmentVariables"/>).</summary>
    public static Dictionary<string, string?> FromEnvironment(IEnumerable<OptionSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            if (EnvironmentVariables.ValueOf(spec.Name) is { } value)
            {
                values[spec.ConfigurationKey] = value;
            }
        }

        return values;
    }

    private KeyValuePair<string, string?>? PassThrough(string token)
    {
        var eq = token.IndexOf('=', StringComparison.Ordinal);
        if (_passThrough is null || !token.StartsWith("--", StringComparison.Ordinal) || eq < 3)
        {
            return null;
        }

        var name = token[..eq];
        return _passThrough(name) ? new KeyValuePair<string, string?>(name[2..], token[(eq + 1)..]) : null;
    }

    /// <summary>--version: the version and the commit, the same line as the other programs'.</summary>
    private sealed class VersionAction(string program) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(BuildInfo.Describe(program));
            return ExitCodes.Ok;
        }
    }
}
