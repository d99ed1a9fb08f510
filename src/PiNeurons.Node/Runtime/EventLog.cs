using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Node.Runtime;

/// <summary>
/// Numbers a neuron's events (docs/protocol.md: <c>seq</c> increases by one per event) and keeps the most recent
/// ones for <c>query</c> with <c>"include":["log"]</c>, the origin's "get log". Loop-thread only.
/// </summary>
internal sealed class EventLog(string neuronId, long lastSeq = 0, int capacity = 100)
{
    private readonly Queue<EventMessage> _recent = new(capacity);

    public long LastSeq { get; private set; } = lastSeq;

    public EventMessage Append(in NeuronEvent e)
    {
        var message = EventMessage.Create(neuronId, ++LastSeq, e);
        if (_recent.Count == capacity)
        {
            _recent.Dequeue();
        }

        _recent.Enqueue(message);
        return message;
    }

    public IReadOnlyList<EventMessage> Snapshot() => [.. _recent];
}
