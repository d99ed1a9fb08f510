using PiNeurons.Core.Protocol;

namespace PiNeurons.Cli.Commands;

/// <summary>The warning <c>pineurons status</c> ends its table with when the neurons run more than one version:
/// <c>mixed versions: 0.1.0 (6980975) on 3 neurons (a, b, c); 0.2.0 (1234567) on 1 neuron (d)</c>.</summary>
internal static class MixedVersionsLine
{
    // Enough to find the nodes left behind; a big group's whole list would bury the line.
    private const int IdsShown = 5;

    /// <summary>The line, or null when the neurons agree (or none has a version).</summary>
    public static string? For(VersionSpread spread)
    {
        ArgumentNullException.ThrowIfNull(spread);
        return spread.Mixed ? "mixed versions: " + string.Join("; ", spread.Groups.Select(Group)) : null;
    }

    private static string Group(VersionGroup group)
    {
        var count = group.Neurons.Count;
        IEnumerable<string> ids = count > IdsShown ? [.. group.Neurons.Take(IdsShown), "…"] : group.Neurons;
        return $"{NeuronStatusRow.Describe(group.Version)} on {count} {(count == 1 ? "neuron" : "neurons")} ({string.Join(", ", ids)})";
    }
}
