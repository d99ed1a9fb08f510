namespace PiNeurons.Hardware.Sensors.Polled.Simulated;

/// <summary>
/// The slow, smooth curves simulated sensors follow, for demos and for hosts without hardware.
/// Pure: the value is a function of the measure and the time since the curve started.
/// </summary>
internal static class SimulatedCurves
{
    /// <summary>A room that warms from 20 °C to 28 °C in two minutes and cools back in two more.</summary>
    public static readonly TimeSpan TemperaturePeriod = TimeSpan.FromMinutes(4);

    private static readonly TimeSpan PressurePeriod = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan DistancePeriod = TimeSpan.FromSeconds(90);

    public static double ValueAt(SensorMeasure measure, TimeSpan elapsed) => measure switch
    {
        // Starts at its coolest, so a 25 °C threshold is crossed upward once and downward once a period.
        SensorMeasure.Temperature => 24 - (4 * Math.Cos(Phase(elapsed, TemperaturePeriod))),

        // Relative humidity falls as the same air warms: 58 % when cool, 42 % when warm.
        SensorMeasure.Humidity => 50 + (8 * Math.Cos(Phase(elapsed, TemperaturePeriod))),

        // Weather-like drift around standard sea-level pressure.
        SensorMeasure.Pressure => 1013.25 + (2.5 * Math.Sin(Phase(elapsed, PressurePeriod))),

        // Someone walking towards the sensor and away again, between 40 cm and 2 m.
        _ => 120 + (80 * Math.Sin(Phase(elapsed, DistancePeriod))),
    };

    /// <summary>
    /// A stable offset into the curves for a name (a sensor's, or a simulated chip's place on its bus), under
    /// a minute (so a simulated room still starts below 25 °C): sensors with different names do not move in
    /// lockstep. FNV-1a, because <see cref="string.GetHashCode()"/> changes from run to run.
    /// </summary>
    public static TimeSpan OffsetFor(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return TimeSpan.FromMilliseconds(hash % 60_000);
    }

    private static double Phase(TimeSpan elapsed, TimeSpan period) =>
        2 * Math.PI * (elapsed.Ticks % period.Ticks) / period.Ticks;
}
