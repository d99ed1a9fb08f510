namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>A DHT22 (AM2302) on one GPIO line: temperature or humidity.</summary>
/// <param name="Name">Unique on the neuron.</param>
/// <param name="Measure">Temperature or Humidity.</param>
/// <param name="Pin">The GPIO (BCM) number of the data line.</param>
public sealed record Dht22SensorSpec(string Name, SensorMeasure Measure, int Pin)
    : PolledSensorSpec(Name, Measure);
