namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>An HC-SR04 ultrasonic distance sensor: distance in cm.</summary>
/// <param name="Name">Unique on the neuron.</param>
/// <param name="TriggerPin">The GPIO (BCM) number wired to TRIG.</param>
/// <param name="EchoPin">The GPIO (BCM) number wired to ECHO, through a 5 V to 3.3 V divider.</param>
public sealed record Hcsr04SensorSpec(string Name, int TriggerPin, int EchoPin)
    : PolledSensorSpec(Name, SensorMeasure.Distance);
