namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>How a polled sensor is wired; one derived record per kind of device.</summary>
/// <param name="Name">Unique on the neuron; names events and kick sources.</param>
/// <param name="Measure">What the sensor reports; the device must offer it.</param>
public abstract record PolledSensorSpec(string Name, SensorMeasure Measure);
