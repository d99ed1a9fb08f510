namespace PiNeurons.Core.Configuration;

/// <summary>
/// Turns <c>--name value</c> / <c>--name=value</c> arguments into configuration keys from a fixed table,
/// so a typo (<c>--manifets</c>) is an error instead of a silently ignored key. Shared by the node and the
/// aggregator.
/// </summary>
public static class CommandLineSwitches
{
    /// <summary>Maps <paramref name="args"/> through <paramref name="keys"/> (switch to configuration key).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="keys">Every accepted switch and the configuration key it sets.</param>
    /// <param name="passThrough">Accepts a <c>--name=value</c> argument not in the table as the key <c>name</c>, or null for none.</param>
    /// <param name="flags">Switches of <paramref name="keys"/> that take no value: present means <c>true</c>
    /// (<c>--name=false</c> still says otherwise).</param>
    /// <exception cref="ArgumentException">An unknown option or a missing value.</exception>
    public static Dictionary<string, string?> Parse(
        IReadOnlyList<string> args, IReadOnlyDictionary<string, string> keys, Func<string, bool>? passThrough = null, IReadOnlySet<string>? flags = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(keys);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var name = arg;
            string? value = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                name = arg[..eq];
                value = arg[(eq + 1)..];
            }

            if (!keys.TryGetValue(name, out var key))
            {
                if (value is not null && passThrough?.Invoke(name) == true)
                {
                    values[name[2..]] = value;
                    continue;
                }

                throw new ArgumentException($"unknown option '{arg}'. Run with --help to see the options.");
            }

            if (value is null && flags?.Contains(name) == true)
            {
                value = "true";
            }

            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"option {name} needs a value. Run with --help to see the options.");
                }

                value = args[++i];
            }

            values[key] = value;
        }

        return values;
    }

    /// <summary>True when <paramref name="args"/> asks for the version.</summary>
    public static bool WantsVersion(IReadOnlyList<string> args) => args is not null && args.Any(a => a == "--version");

    /// <summary>The environment variable of an option, one rule for every program: <c>--state-dir</c> is <c>PINEURONS_STATE_DIR</c>.</summary>
    public static string VariableOf(string option) =>
        "PINEURONS_" + (option ?? throw new ArgumentNullException(nameof(option))).TrimStart('-').ToUpperInvariant().Replace('-', '_');

    /// <summary>The configuration keys of <paramref name="keys"/> (switch to key) that are set in the environment, by <see cref="VariableOf"/>.</summary>
    public static Dictionary<string, string?> FromEnvironment(IReadOnlyDictionary<string, string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (option, key) in keys)
        {
            if (Environment.GetEnvironmentVariable(VariableOf(option)) is { Length: > 0 } value)
            {
                values[key] = value;
            }
        }

        return values;
    }

    /// <summary>True when <paramref name="args"/> asks for help.</summary>
    public static bool WantsHelp(IReadOnlyList<string> args) =>
        args is not null && args.Any(a => a is "-h" or "--help" or "-?" or "help");
}
