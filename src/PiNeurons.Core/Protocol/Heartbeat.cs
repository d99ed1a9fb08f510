namespace PiNeurons.Core.Protocol;

/// <summary>
/// docs/protocol.md section 9, "Heartbeat": every neuron republishes its status and state at a fixed interval, and a
/// consumer that hears nothing from it for <see cref="MissedForOffline"/> intervals treats it as offline. Retained
/// messages and last wills do not cross the nodes of a clustered broker, so silence is what tells a dead neuron.
/// </summary>
public static class Heartbeat
{
    /// <summary>The interval a node uses unless told otherwise: two small retained messages per neuron every 30 s cost
    /// little, and a dead neuron is known within a minute and a half.</summary>
    public const int DefaultSeconds = 30;

    /// <summary>The longest interval accepted: beyond an hour, a silent neuron would go unnoticed for most of a morning.</summary>
    public const int MaxSeconds = 3600;

    /// <summary>Intervals of silence after which a consumer treats the neuron as offline.</summary>
    public const int MissedForOffline = 3;
}
