namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>The unit each <see cref="SensorMeasure"/> is reported in.</summary>
public static class SensorUnits
{
    /// <summary>Degrees Celsius.</summary>
    public const string Celsius = "°C";

    /// <summary>Percent relative humidity.</summary>
    public const string Percent = "%";

    /// <summary>Hectopascal (= millibar).</summary>
    public const string Hectopascal = "hPa";

    /// <summary>Centimetre.</summary>
    public const string Centimetre = "cm";

    /// <summary>The unit <paramref name="measure"/> is reported in.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The measure is not defined.</exception>
    public static string For(SensorMeasure measure) => measure switch
    {
        SensorMeasure.Temperature => Celsius,
        SensorMeasure.Humidity => Percent,
        SensorMeasure.Pressure => Hectopascal,
        SensorMeasure.Distance => Centimetre,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "Unknown sensor measure."),
    };
}
