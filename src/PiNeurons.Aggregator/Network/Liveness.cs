namespace PiNeurons.Aggregator.Network;

/// <summary>The liveness of a neuron and why.</summary>
/// <param name="State">One of <see cref="LivenessStates"/>.</param>
/// <param name="Reason">Why it is not online (<c>missed 3 heartbeats</c>), or null.</param>
public readonly record struct Liveness(string State, string? Reason)
{
    /// <summary>Before anything was heard.</summary>
    public static Liveness Unknown { get; } = new(LivenessStates.Unknown, null);
}
