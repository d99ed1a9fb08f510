namespace PiNeurons.CommandLine;

/// <summary>
/// The one rule by which every option of every program is also an environment variable: <c>--state-dir</c> is
/// <c>PINEURONS_STATE_DIR</c>. The command line wins over the variable.
/// </summary>
public static class EnvironmentVariables
{
    /// <summary>The variable of <paramref name="option"/>.</summary>
    public static string Of(string option) =>
        "PINEURONS_" + (option ?? throw new ArgumentNullException(nameof(option))).TrimStart('-').ToUpperInvariant().Replace('-', '_');

    /// <summary>The value of <paramref name="option"/>'s variable, or null when it is unset or empty.</summary>
    public static string? ValueOf(string option) => Environment.GetEnvironmentVariable(Of(option)) is { Length: > 0 } value ? value : null;
}
