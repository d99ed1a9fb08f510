namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>What a polled sensor measures; each one reports exactly one measure.</summary>
public enum SensorMeasure
{
    /// <summary>Temperature, in °C.</summary>
    Temperature,

    /// <summary>Relative humidity, in %.</summary>
    Humidity,

    /// <summary>Air pressure, in hPa.</summary>
    Pressure,

    /// <summary>Distance to the nearest object, in cm.</summary>
    Distance,
}
