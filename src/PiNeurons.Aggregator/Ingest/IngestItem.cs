using MQTTnet;
using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Ingest;

/// <summary>
/// One message taken off the broker, waiting in order for the writer: an event to store (or a rejected
/// one), or a retained status/state to apply. Its <see cref="Delivery"/> is acknowledged only after
/// everything before it and itself are safe, so the broker keeps its copy until then.
/// </summary>
/// <param name="Kind">What it carries.</param>
/// <param name="Neuron">The neuron of its topic.</param>
/// <param name="Event">The event parsed, for an event that could be.</param>
/// <param name="Rejection">Why an event or state could not be taken.</param>
/// <param name="Payload">A status's or state's payload.</param>
/// <param name="Delivery">What to acknowledge once it is safe.</param>
/// <param name="Retained">True when the broker delivered it because it was retained when the aggregator subscribed (the MQTT
/// retain flag): a claim from the past, not a sign that the neuron lives now (docs/protocol.md section 9, "Heartbeat").</param>
/// <param name="ReceivedAt">When it came off the broker.</param>
internal readonly record struct IngestItem(
    IngestKind Kind,
    string Neuron,
    IncomingEvent? Event,
    string? Rejection,
    ReadOnlyMemory<byte> Payload,
    MqttApplicationMessageReceivedEventArgs? Delivery,
    bool Retained = false,
    DateTimeOffset ReceivedAt = default);

/// <summary>What an <see cref="IngestItem"/> carries.</summary>
internal enum IngestKind
{
    Event,
    Status,
    State,
    Ignored,
}
