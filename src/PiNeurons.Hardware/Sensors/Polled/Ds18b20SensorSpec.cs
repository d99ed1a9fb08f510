namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>A DS18B20 on the kernel's 1-Wire bus: temperature.</summary>
/// <param name="Name">Unique on the neuron.</param>
/// <param name="DeviceId">The kernel's name for the sensor, such as <c>28-00000a1b2c3d</c>.</param>
public sealed record Ds18b20SensorSpec(string Name, string DeviceId)
    : PolledSensorSpec(Name, SensorMeasure.Temperature);
