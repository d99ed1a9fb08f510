using PiNeurons.Core.Manifest;

namespace PiNeurons.Core.Model;

/// <summary>
/// Decides when a polled sensor's reading kicks its neuron: once when the reading crosses the threshold,
/// then not again until it has gone back past the threshold by the hysteresis. A room that hovers at
/// 25.0 ± 0.1 °C kicks once, not at every poll. The first reading counts as a crossing when it is already
/// on the kicking side: the neuron learns the room is warm when the node starts in a warm room.
/// </summary>
public sealed class ThresholdCrossing(SensorThresholdEntry threshold)
{
    private bool _armed = true;

    /// <summary>The rule this instance applies.</summary>
    public SensorThresholdEntry Threshold { get; } = threshold ?? throw new ArgumentNullException(nameof(threshold));

    /// <summary>Takes the next reading; true when it kicks.</summary>
    public bool Observe(double value)
    {
        if (!double.IsFinite(value))
        {
            return false;
        }

        var (value0, hysteresis) = (Threshold.Value, Threshold.Hysteresis);
        var beyond = Threshold.Direction == ThresholdDirection.Above ? value >= value0 : value <= value0;
        var rearmed = Threshold.Direction == ThresholdDirection.Above ? value < value0 - hysteresis : value > value0 + hysteresis;
        if (_armed && beyond)
        {
            _armed = false;
            return true;
        }

        if (!_armed && rearmed)
        {
            _armed = true;
        }

        return false;
    }
}
