namespace PiNeurons.Core.Model;

/// <summary>
/// Where a <see cref="Neuron"/>'s decisions go. The model calls it synchronously; the runtime turns
/// the calls into MQTT publications, LED pulses and timers. This keeps the model free of I/O and clocks.
/// </summary>
public interface INeuronSink
{
    /// <summary>An event to publish (gets its <c>seq</c> from the runtime).</summary>
    void OnEvent(in NeuronEvent neuronEvent);

    /// <summary>The neuron fired: kick every connection with <paramref name="downstreamHop"/> and show the
    /// output for <paramref name="outputDuration"/>.</summary>
    void OnFired(int downstreamHop, TimeSpan outputDuration);

    /// <summary>An integration window opened: call <see cref="Neuron.Decide"/> at <paramref name="dueAt"/>.</summary>
    void OnDecisionDue(DateTimeOffset dueAt);
}
