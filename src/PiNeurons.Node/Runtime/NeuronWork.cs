namespace PiNeurons.Node.Runtime;

/// <summary>What the neuron is asked to do.</summary>
internal enum WorkKind
{
    Kick,
    BoardKick,
    Click,
    Fire,
    Query,
    Set,
    Error,
    Wake,
}

/// <summary>
/// One item of work for a neuron. A struct so the hot path (a kick) does not allocate for it;
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
