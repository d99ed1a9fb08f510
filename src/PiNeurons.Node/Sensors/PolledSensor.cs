using PiNeurons.Hardware.Sensors.Polled;
using PiNeurons.Node.Runtime;

namespace PiNeurons.Node.Sensors;

/// <summary>One polled sensor, the neuron its readings go to, how often it is read, and its run of failed reads.</summary>
internal sealed class PolledSensor(NeuronRuntime neuron, IPolledSensor sensor, TimeSpan interval)
{
    public NeuronRuntime Neuron { get; } = neuron;

    public IPolledSensor Sensor { get; } = sensor;

    public TimeSpan Interval { get; } = interval;

    public FailureRun Failures { get; } = new();
}
