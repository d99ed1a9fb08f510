namespace PiNeurons.Aggregator.Network;

/// <summary>The values of <see cref="NeuronSnapshot.Status"/>.</summary>
public static class NeuronStatus
{
    /// <summary>The neuron's retained status says online.</summary>
    public const string Online = "online";

    /// <summary>The neuron's retained status (or its last will) says offline.</summary>
    public const string Offline = "offline";

    /// <summary>No status seen.</summary>
    public const string Unknown = "unknown";
}
