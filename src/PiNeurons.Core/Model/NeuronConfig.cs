using PiNeurons.Core.Learning;

namespace PiNeurons.Core.Model;

/// <summary>
/// A neuron's configuration: the <c>config</c> object of docs/protocol.md's state. Immutable; a <c>set</c>
/// produces a new instance that replaces the old one atomically.
/// </summary>
public sealed record NeuronConfig
{
    // Declared before Default: static initializers run in text order, and Default reads this one.
    private static readonly IReadOnlyDictionary<string, double> EmptyWeights =
        new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Defaults for a neuron nobody configured (documented in docs/protocol.md).</summary>
    public static NeuronConfig Default { get; } = new();

    /// <summary>Firing threshold. The origin's default was +infinity (never fires); JSON cannot carry
    /// infinity, so the default is 1: one external kick or button press fires an unconfigured neuron.</summary>
    public double Threshold { get; init; } = 1.0;

    /// <summary>Weight per upstream source; a missing neuron id weighs 0, a missing
    /// <c>button</c>/<c>external</c>/<c>sensor:*</c> source weighs 1.</summary>
    public IReadOnlyDictionary<string, double> Weights { get; init; } = EmptyWeights;

    /// <summary>Downstream neuron ids kicked when this neuron fires, in order.</summary>
    public IReadOnlyList<string> Connections { get; init; } = [];

    /// <summary>How long the output stays 1 after firing; no firing happens within it.</summary>
    public int RefractoryMs { get; init; } = 100;

    /// <summary>How long an input lasts after its last kick.</summary>
    public int InputLastingMs { get; init; } = 500;

    /// <summary>0: decide at each kick; W: decide once, W ms after the first kick of a burst.</summary>
    public int IntegrationWindowMs { get; init; }

    /// <summary>Kicks with a larger <c>hop</c> are dropped; 0 means no limit.</summary>
    public int MaxHops { get; init; } = 64;

    /// <summary>Firing cap in any one second; 0 means no cap.</summary>
    public int MaxFiresPerSecond { get; init; } = 1000;

    /// <summary>How the neuron changes its own weights and threshold; no learning by default.</summary>
    /// <remarks>Null reads as no learning: the source-generated JSON reader sets a field the JSON lacks to null instead of
    /// keeping this default, and the state of a node older than learning has no <c>learning</c> field.</remarks>
    public LearningConfig Learning { get; init => field = value ?? LearningConfig.None; } = LearningConfig.None;

    /// <summary>The weight of input <paramref name="source"/>, by the rules of docs/protocol.md.</summary>
    public double WeightOf(string source) =>
        Weights.TryGetValue(source, out var w) ? w : KickSources.IsNonNeuronSource(source) ? 1.0 : 0.0;

    /// <summary>Value equality over every field, weights and connections included.</summary>
    public bool Equals(NeuronConfig? other) =>
        other is not null
        && Threshold.Equals(other.Threshold)
        && RefractoryMs == other.RefractoryMs
        && InputLastingMs == other.InputLastingMs
        && IntegrationWindowMs == other.IntegrationWindowMs
        && MaxHops == other.MaxHops
        && MaxFiresPerSecond == other.MaxFiresPerSecond
        && Learning.Equals(other.Learning)
        && Connections.SequenceEqual(other.Connections, StringComparer.Ordinal)
        && Weights.Count == other.Weights.Count
        && Weights.All(kv => other.Weights.TryGetValue(kv.Key, out var w) && w.Equals(kv.Value));

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Threshold, RefractoryMs, InputLastingMs, IntegrationWindowMs, MaxHops, MaxFiresPerSecond,
            Connections.Count, Weights.Count);
}
