using System.Globalization;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Node.Runtime;

/// <summary>
/// Sensor readings in: each one is published retained on <c>sensors/&lt;name&gt;</c>, kept for the state,
/// and kicks the neuron as <c>sensor:&lt;name&gt;</c> when it crosses the sensor's threshold.
/// </summary>
internal sealed partial class NeuronRuntime
{
    private readonly Dictionary<string, SensorMessage> _readings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ThresholdCrossing> _crossings = new(StringComparer.Ordinal);

    /// <summary>Kicks from <paramref name="sensor"/>'s readings when they cross its threshold.</summary>
    public void WatchThreshold(SensorEntry sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        if (sensor.Threshold is { } threshold)
        {
            lock (_gate)
            {
                _crossings[sensor.Name] = new ThresholdCrossing(threshold);
            }
        }
    }

    /// <summary>A polled sensor read <paramref name="value"/>.</summary>
    public void OnSensorReading(string name, double value, string unit) =>
        Process(new NeuronWork(WorkKind.Reading, name, Value: value, Unit: unit));

    /// <summary>A read failed: an <c>error</c> event with the reason; never a kick.</summary>
    public void OnSensorFailed(string name, string reason) =>
        ReportError($"sensor {name}: {reason}");

    private void HandleReading(string name, double value, string unit, DateTimeOffset now)
    {
        Record(name, new SensorMessage(value, unit, now));
        if (_crossings.TryGetValue(name, out var crossing) && crossing.Observe(value))
        {
            // The sensor speaks first (docs/protocol.md's sensor event, with what it crossed), then the kick it causes.
            var source = KickSources.Sensor(name);
            OnEvent(new NeuronEvent(NeuronEventType.Sensor, source, now, null, Describe(crossing.Threshold, value, unit)));
            Kick(source, 0, now);
        }
    }

    // An edge sensor's reading is its level after the edge: 1 while a PIR sees motion, else 0.
    private void PublishEdgeReading(string source, DateTimeOffset now)
    {
        var name = source[KickSources.SensorPrefix.Length..];
        if (_board?.SensorLevel(name) is { } high)
        {
            Record(name, new SensorMessage(high ? 1 : 0, string.Empty, now));
        }
    }

    // The latest reading: retained on its topic, and in the next state.
    private void Record(string name, SensorMessage reading)
    {
        _readings[name] = reading;
        _publisher.Reading(name, reading);
        _stateThrottle.MarkChanged(reading.At);
    }

    private Dictionary<string, SensorMessage>? SensorSnapshot() =>
        _readings.Count == 0 ? null : new Dictionary<string, SensorMessage>(_readings, StringComparer.Ordinal);

    private static string Describe(SensorThresholdEntry threshold, double value, string unit)
    {
        var (verb, side) = threshold.Direction == ThresholdDirection.Above ? ("rose", "above") : ("fell", "below");
        var suffix = unit.Length == 0 ? string.Empty : " " + unit;
        return string.Create(CultureInfo.InvariantCulture, $"{verb} to {value:0.###}{suffix}, {side} the threshold {threshold.Value:0.###}{suffix}");
    }
}
