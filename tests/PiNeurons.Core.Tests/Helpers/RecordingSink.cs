using PiNeurons.Core.Model;

namespace PiNeurons.Core.Tests.Helpers;

/// <summary>Records everything a <see cref="Neuron"/> tells its sink, in order.</summary>
internal sealed class RecordingSink : INeuronSink
{
    public List<NeuronEvent> Events { get; } = [];

    public List<(int Hop, TimeSpan Duration)> Fired { get; } = [];

    public List<DateTimeOffset> DecisionsDue { get; } = [];

    public IEnumerable<NeuronEventType> Types => Events.Select(e => e.Type);

    public IEnumerable<NeuronEvent> OfType(NeuronEventType type) => Events.Where(e => e.Type == type);

    public void OnEvent(in NeuronEvent neuronEvent) => Events.Add(neuronEvent);

    public void OnFired(int downstreamHop, TimeSpan outputDuration) => Fired.Add((downstreamHop, outputDuration));

    public void OnDecisionDue(DateTimeOffset dueAt) => DecisionsDue.Add(dueAt);

    public void Clear()
    {
        Events.Clear();
        Fired.Clear();
        DecisionsDue.Clear();
    }
}
