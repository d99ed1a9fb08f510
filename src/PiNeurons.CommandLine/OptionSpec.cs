namespace PiNeurons.CommandLine;

/// <summary>One option of a program: its name, the configuration key it sets, and its help.</summary>
/// <param name="Name">The option, e.g. <c>--state-dir</c>.</param>
/// <param name="ConfigurationKey">The configuration key it sets, e.g. <c>PiNeurons:StateDir</c>.</param>
/// <param name="Description">Its line in --help.</param>
/// <param name="ValueName">What its value is called in --help (<c>DIR</c>), or null for a flag that takes none.</param>
public sealed record OptionSpec(string Name, string ConfigurationKey, string Description, string? ValueName = "VALUE")
{
    /// <summary>True for a switch without a value: present means true.</summary>
    public bool IsFlag => ValueName is null;
}
