using System.Globalization;
using PiNeurons.Hardware.Sensors.Polled;
using PiNeurons.Node.Runtime;

namespace PiNeurons.Node.Sensors;

/// <summary>One polled sensor, the neuron its readings go to, and its run of failed reads.</summary>
internal sealed class PolledSensor(NeuronRuntime neuron, IPolledSensor sensor, TimeSpan interval)
{
    private string? _failure;
    private int _failures;
    private DateTimeOffset _reportedAt;

    public NeuronRuntime Neuron { get; } = neuron;

    public IPolledSensor Sensor { get; } = sensor;

    public TimeSpan Interval { get; } = interval;

    /// <summary>Counts a failed read; true when it should be reported (a new reason, or a reminder is due).</summary>
    public bool ShouldReport(string reason, DateTimeOffset now, TimeSpan reminderEvery)
    {
        _failures++;
        if (_failure == reason && now - _reportedAt < reminderEvery)
        {
            return false;
        }

        _failure = reason;
        _reportedAt = now;
        return true;
    }

    /// <summary>The reason as reported, with how many reads in a row failed when more than one.</summary>
    public string Describe(string reason) => _failures <= 1
        ? reason
        : string.Create(CultureInfo.InvariantCulture, $"{reason} ({_failures} reads in a row failed)");

    /// <summary>A read succeeded; true when it ends a run of failures.</summary>
    public bool Recovered()
    {
        var was = _failures > 0;
        (_failure, _failures) = (null, 0);
        return was;
    }
}
