namespace PiNeurons.Node.Runtime;

/// <summary>What the neuron loop is asked to do next.</summary>
internal enum WorkKind
{
    Kick,
    Fire,
    Query,
    Set,
    Error,
    Wake,
}

/// <summary>
/// One item of a neuron's work queue. A struct so the hot path (a kick) queues without allocating;
/// only the rare commands carry payloads.
/// </summary>
internal readonly record struct NeuronWork(
    WorkKind Kind,
    string? From = null,
    int Hop = 0,
    ReadOnlyMemory<byte> Payload = default,
    string? ResponseTopic = null,
    byte[]? CorrelationData = null,
    string? Reason = null);
