namespace PiNeurons.Aggregator.Storage;

/// <summary>One event as it came off <c>&lt;root&gt;/&lt;id&gt;/events</c>, parsed and about to be stored.</summary>
/// <param name="Neuron">The neuron's id (from the payload, checked against the topic).</param>
/// <param name="Seq">The neuron's event sequence number.</param>
/// <param name="Type">The wire type: kicked, fired, refractory, config, button, sensor, error (or a newer one).</param>
/// <param name="From">The source involved, if any.</param>
/// <param name="At">When the neuron says it happened; the arrival time when its clock was unsynchronized (see <see cref="NeuronAt"/>).</param>
/// <param name="Hop">Cascade depth, if the event carries one.</param>
/// <param name="Reason">Why, for errors and suppressed firings.</param>
/// <param name="ReceivedAt">When the aggregator took it off the broker.</param>
/// <param name="Payload">The message as published (UTF-8 JSON text), kept so fields this version does not know survive.</param>
public sealed record IncomingEvent(
    string Neuron,
    long Seq,
    string Type,
    string? From,
    DateTimeOffset At,
    int? Hop,
    string? Reason,
    DateTimeOffset ReceivedAt,
    string Payload)
{
    /// <summary>
    /// True when the neuron said its clock was not set (<c>"clock":"unsynchronized"</c>): its own <c>at</c> was not a
    /// time, so <see cref="At"/> holds the arrival time instead and no delay may be measured from it.
    /// </summary>
    public bool ClockUnsynchronized { get; init; }

    /// <summary>
    /// The <c>at</c> the neuron wrote, when <see cref="At"/> holds something else (its clock was unsynchronized, so
    /// <see cref="At"/> is this aggregator's arrival time); null when <see cref="At"/> is the neuron's own.
    /// </summary>
    public DateTimeOffset? NeuronAt { get; init; }

    /// <summary>
    /// The time that, with <see cref="Neuron"/> and <see cref="Seq"/>, makes the event's identity in the store: the one the
    /// neuron wrote, so every copy of one message (a QoS 1 redelivery, another replica's) has the same, whatever its
    /// arrival. Seq alone is not enough: a neuron whose counters file was lost starts its numbering again at 1.
    /// </summary>
    public DateTimeOffset IdentityAt => NeuronAt ?? At;
}
