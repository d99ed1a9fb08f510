namespace PiNeurons.Aggregator.Network;

/// <summary>The values of <see cref="Liveness.State"/>: what the aggregator makes of a neuron's signs of life.</summary>
public static class LivenessStates
{
    /// <summary>Heard fresh recently, or a node without a heartbeat whose status says online.</summary>
    public const string Online = "online";

    /// <summary>In doubt: only retained messages so far, or a heartbeat overdue.</summary>
    public const string Stale = "stale";

    /// <summary>It said offline (or its will did), or it missed 3 heartbeats.</summary>
    public const string Offline = "offline";

    /// <summary>Nothing says whether it lives: no status, and no heartbeat to judge its silence by.</summary>
    public const string Unknown = "unknown";
}
