namespace PiNeurons.Core.Protocol;

/// <summary>
/// Which node versions a cluster runs, read from its neurons' states (docs/protocol.md section 4): each distinct
/// <c>version</c> with the neurons carrying it. More than one means nodes were left behind by an update. Versions
/// are compared whole: two builds of one release from different commits are a mix too.
/// </summary>
public sealed class VersionSpread
{
    private VersionSpread(IReadOnlyList<VersionGroup> groups) => Groups = groups;

    /// <summary>Each version with its neurons, the largest group first (ties by version), so the odd ones out come last.</summary>
    public IReadOnlyList<VersionGroup> Groups { get; }

    /// <summary>True when the neurons carry more than one version.</summary>
    public bool Mixed => Groups.Count > 1;

    /// <summary>The spread of <paramref name="neurons"/>. A neuron without a version is left out: its state was not
    /// seen, or its node predates the field, so it tells nothing about a mix.</summary>
    public static VersionSpread Of(IEnumerable<(string Neuron, string? Version)> neurons)
    {
        ArgumentNullException.ThrowIfNull(neurons);
        var groups = neurons
            .Where(n => !string.IsNullOrEmpty(n.Version))
            .GroupBy(n => n.Version!, StringComparer.Ordinal)
            .Select(g => new VersionGroup(g.Key, [.. g.Select(n => n.Neuron).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))
            .OrderByDescending(g => g.Neurons.Count)
            .ThenBy(g => g.Version, StringComparer.Ordinal);
        return new VersionSpread([.. groups]);
    }
}
