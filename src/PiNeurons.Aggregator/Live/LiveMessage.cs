namespace PiNeurons.Aggregator.Live;

/// <summary>One Server-Sent Event: an event name, its JSON data, and the store id for stored events.</summary>
/// <param name="Id">The store id (SSE <c>id:</c>) of a <c>neuron-event</c>; null for <c>neuron</c> updates.</param>
/// <param name="Name">The SSE event name: <c>neuron-event</c> or <c>neuron</c>.</param>
/// <param name="Data">The JSON, on one line.</param>
public sealed record LiveMessage(long? Id, string Name, string Data)
{
    /// <summary>The SSE name of a stored event.</summary>
    public const string EventName = "neuron-event";

    /// <summary>The SSE name of a neuron's status/state/counters update.</summary>
    public const string NeuronName = "neuron";
}
