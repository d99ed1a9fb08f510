using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Node.Runtime;

/// <summary>
/// A neuron's sensors as its state reports them: the latest reading of each, and for a polled sensor with a
/// threshold, whether a reading crosses it (which kicks the neuron). Knows no clock or connection: the
/// runtime says when a reading was taken and publishes it. Loop-thread only (under the runtime's lock).
/// </summary>
internal sealed class SensorReadings
{
    private readonly Dictionary<string, SensorMessage> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ThresholdCrossing> _crossings = new(StringComparer.Ordinal);

    /// <summary>Watches the thresholds of the polled ones among <paramref name="sensors"/>.</summary>
    public SensorReadings(IEnumerable<SensorEntry> sensors)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        foreach (var sensor in sensors)
        {
            if (sensor.IsPolled && sensor.Threshold is { } threshold)
            {
                _crossings[sensor.Name] = new ThresholdCrossing(threshold);
            }
        }
    }

    /// <summary>Keeps <paramref name="reading"/> as <paramref name="name"/>'s latest.</summary>
    public void Record(string name, SensorMessage reading) => _latest[name] = reading;

    /// <summary>
    /// Whether <paramref name="reading"/> of a polled sensor crosses its threshold; when it does,
    /// <paramref name="crossed"/> says what it crossed, for the sensor event.
    /// </summary>
    public bool Crosses(string name, SensorMessage reading, [NotNullWhen(true)] out string? crossed)
    {
        if (_crossings.TryGetValue(name, out var crossing) && crossing.Observe(reading.Value))
        {
            crossed = Describe(crossing.Threshold, reading.Value, reading.Unit);
            return true;
        }

        crossed = null;
        return false;
    }

    /// <summary>A copy of the latest readings for the state, or null before the first.</summary>
    public Dictionary<string, SensorMessage>? Snapshot() =>
        _latest.Count == 0 ? null : new Dictionary<string, SensorMessage>(_latest, StringComparer.Ordinal);

    private static string Describe(SensorThresholdEntry threshold, double value, string unit)
    {
        var (verb, side) = threshold.Direction == ThresholdDirection.Above ? ("rose", "above") : ("fell", "below");
        var suffix = unit.Length == 0 ? string.Empty : " " + unit;
        return string.Create(CultureInfo.InvariantCulture, $"{verb} to {value:0.###}{suffix}, {side} the threshold {threshold.Value:0.###}{suffix}");
    }
}
