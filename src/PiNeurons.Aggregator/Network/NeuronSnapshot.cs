using System.Text.Json;
using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Network;

/// <summary>What the aggregator knows of one neuron at one moment. Immutable.</summary>
/// <param name="Id">The neuron's id.</param>
/// <param name="Status"><c>online</c>, <c>offline</c> or <c>unknown</c>.</param>
/// <param name="State">The retained state as published, or null when none was seen.</param>
/// <param name="Threshold">From the state's config.</param>
/// <param name="FiredCount">From the state.</param>
/// <param name="Version">From the state: its node's version, <c>0.1.0+&lt;commit&gt;</c>; null when the state has none.</param>
/// <param name="Connections">From the state's config: the neurons this one kicks.</param>
/// <param name="Weights">From the state's config: weight per source.</param>
/// <param name="Learning">From the state's config: the learning rule (<c>perceptron</c>, <c>stdp</c>); null when it learns nothing or the state does not say.</param>
/// <param name="Counters">From the store, or null before its first stored event.</param>
public sealed record NeuronSnapshot(
    string Id,
    string Status,
    JsonElement? State,
    double? Threshold,
    long? FiredCount,
    string? Version,
    IReadOnlyList<string> Connections,
    IReadOnlyDictionary<string, double> Weights,
    string? Learning,
    NeuronCounters? Counters)
{
    /// <summary>From the state: how often the neuron republishes its status and state; null when it does not say.</summary>
    public int? HeartbeatSeconds { get; init; }

    /// <summary>When the aggregator first heard of it since it started (a retained message counts).</summary>
    public DateTimeOffset? FirstHeardAt { get; init; }

    /// <summary>When the aggregator last heard something fresh from it: a status, state or event published while it was
    /// subscribed, not one retained from before; null while only retained messages came.</summary>
    public DateTimeOffset? LastHeardAt { get; init; }

    /// <summary>What <see cref="LivenessRule"/> made of <see cref="Signs"/> when last judged.</summary>
    public Liveness Liveness { get; init; } = Liveness.Unknown;

    /// <summary>What the liveness rule reads.</summary>
    public LifeSigns Signs => new(Status, State is not null, HeartbeatSeconds, FirstHeardAt, LastHeardAt);

    /// <summary>A neuron seen only by name so far.</summary>
    public static NeuronSnapshot Unknown(string id) =>
        new(id, NeuronStatus.Unknown, null, null, null, null, [], new Dictionary<string, double>(), null, null);
}
