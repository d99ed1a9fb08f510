namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>One value read from a sensor.</summary>
/// <param name="Value">The value, in <paramref name="Unit"/>.</param>
/// <param name="Unit">"°C", "%", "hPa" or "cm"; see <see cref="SensorUnits"/>.</param>
public readonly record struct SensorReading(double Value, string Unit);
