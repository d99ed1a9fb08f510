namespace PiNeurons.Node.Runtime;

/// <summary>What the neuron is asked to do.</summary>
internal enum WorkKind
{
    Kick,
    BoardKick,
    Reading,
    Click,
    Fire,
    Query,
    Set,
    Teach,
    Error,
    Wake,
    Heartbeat,
}

/// <summary>
/// One item of work for a neuron. A struct so the hot path (a kick) does not allocate for it;
/// only the rare commands carry payloads.
/// </summary>
/// <param name="Kind">What is asked.</param>
/// <param name="From">Who kicked; for a reading, the sensor's name.</param>
/// <param name="Hop">The hop of a kick or a fire command.</param>
/// <param name="Payload">A query's or a set's payload.</param>
/// <param name="ResponseTopic">Where a query, a set, a fire or a teach wants its reply.</param>
/// <param name="CorrelationData">What the reply carries back to the requester.</param>
/// <param name="Reason">An error's reason, or a click's type.</param>
/// <param name="Value">A reading's value, or a teach's target.</param>
/// <param name="Unit">A reading's unit.</param>
internal readonly record struct NeuronWork(
    WorkKind Kind,
    string? From = null,
    int Hop = 0,
    ReadOnlyMemory<byte> Payload = default,
    string? ResponseTopic = null,
    byte[]? CorrelationData = null,
    string? Reason = null,
    double Value = 0,
    string? Unit = null);
