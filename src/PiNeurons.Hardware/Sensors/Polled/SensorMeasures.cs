using PiNeurons.Core.Manifest;

namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>What a polled sensor of the manifest reads, as the <see cref="SensorMeasure"/> its device reports.</summary>
public static class SensorMeasures
{
    /// <summary>The measure of <paramref name="sensor"/>: its <see cref="SensorEntry.Measure"/>, or its type's first
    /// (the manifest reader's default) when none is set.</summary>
    /// <exception cref="ArgumentException">The sensor names no measure a polled sensor reads.</exception>
    public static SensorMeasure Of(SensorEntry sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var measure = sensor.Measure ?? (SensorTypes.MeasuresOf(sensor.Type) is [var first, ..] ? first : null);
        return measure switch
        {
            "temperature" => SensorMeasure.Temperature,
            "humidity" => SensorMeasure.Humidity,
            "pressure" => SensorMeasure.Pressure,
            "distance" => SensorMeasure.Distance,
            var other => throw new ArgumentException($"sensor {sensor.Name}: '{other}' is not a measure a {sensor.Type} reads", nameof(sensor)),
        };
    }
}
