using PiNeurons.Core.Model;

namespace PiNeurons.Core.Tests.Helpers;

/// <summary>
/// Records each event with the config its neuron had when the event went out: a <c>learned</c> event must come
/// after its change is part of the config (the runtime saves the config on that event).
/// </summary>
internal sealed class ConfigSnapshotSink(Func<NeuronConfig> config) : INeuronSink
{
    public List<(NeuronEvent Event, NeuronConfig Config)> Events { get; } = [];

    public void OnEvent(in NeuronEvent neuronEvent) => Events.Add((neuronEvent, config()));

    public void OnFired(int downstreamHop, TimeSpan outputDuration)
    {
    }

    public void OnDecisionDue(DateTimeOffset dueAt)
    {
    }
}
