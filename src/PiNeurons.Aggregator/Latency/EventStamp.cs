namespace PiNeurons.Aggregator.Latency;

/// <summary>What pairing needs of a <c>fired</c> or <c>kicked</c> event.</summary>
/// <param name="Neuron">The neuron that emitted it.</param>
/// <param name="Hop">Its hop (a fired event's is the hop of the kicks it sends).</param>
/// <param name="At">When the neuron says it happened.</param>
/// <param name="ReceivedAt">When the aggregator took it off the broker.</param>
/// <param name="ClockUnsynchronized">The neuron said its clock was not set: <paramref name="At"/> is no time.</param>
internal readonly record struct EventStamp(string Neuron, int? Hop, DateTimeOffset At, DateTimeOffset ReceivedAt, bool ClockUnsynchronized);
