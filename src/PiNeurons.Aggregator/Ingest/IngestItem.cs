using MQTTnet;
using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Ingest;

/// <summary>
/// One message taken off the broker, waiting in order for the writer: an event to store (or a rejected
/// one), or a retained status/state to apply. Its <see cref="Delivery"/> is acknowledged only after
/// everything before it and itself are safe, so the broker keeps its copy until then.
/// </summary>
internal readonly record struct IngestItem(
    IngestKind Kind,
    string Neuron,
    IncomingEvent? Event,
    string? Rejection,
    ReadOnlyMemory<byte> Payload,
    MqttApplicationMessageReceivedEventArgs? Delivery);

/// <summary>What an <see cref="IngestItem"/> carries.</summary>
internal enum IngestKind
{
    Event,
    Status,
    State,
    Ignored,
}
