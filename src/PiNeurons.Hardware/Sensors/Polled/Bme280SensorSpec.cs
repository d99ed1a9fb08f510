namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>A Bosch BME280 on I2C: temperature, humidity or pressure.</summary>
/// <param name="Name">Unique on the neuron.</param>
/// <param name="Measure">Temperature, Humidity or Pressure.</param>
/// <param name="Bus">The I2C bus number (<c>/dev/i2c-1</c> on a Pi's header pins 3 and 5).</param>
/// <param name="Address">0x76 with SDO to ground, 0x77 with SDO to VDDIO.</param>
public sealed record Bme280SensorSpec(string Name, SensorMeasure Measure, int Bus = 1, int Address = 0x76)
    : PolledSensorSpec(Name, Measure);
