using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Sensors.Polled;

namespace PiNeurons.Hardware.Tests.Sensors.Polled;

/// <summary>Manifest entries of polled sensors, with the defaults the manifest reader gives.</summary>
internal static class PolledEntries
{
    public static SensorEntry Bme280(string name, SensorMeasure measure, int bus = 1, int address = 0x76) =>
        Entry(name, SensorTypes.Bme280, measure, -1) with { Bus = bus, Address = address };

    public static SensorEntry Dht22(string name, SensorMeasure measure, int pin) => Entry(name, SensorTypes.Dht22, measure, pin);

    public static SensorEntry Hcsr04(string name, int trigger, int echo) =>
        Entry(name, SensorTypes.Hcsr04, SensorMeasure.Distance, -1) with { TriggerPin = trigger, EchoPin = echo };

    public static SensorEntry Ds18b20(string name, string device) =>
        Entry(name, SensorTypes.Ds18b20, SensorMeasure.Temperature, SensorTypes.OneWireDefaultPin) with { Device = device };

    private static SensorEntry Entry(string name, string type, SensorMeasure measure, int pin) =>
        new(name, type, pin, PullMode.None, EdgeKind.Rising, 0) { Measure = Name(measure), IntervalMs = SensorTypes.IntervalOf(type).Default };

    private static string Name(SensorMeasure measure) => measure switch
    {
        SensorMeasure.Temperature => "temperature",
        SensorMeasure.Humidity => "humidity",
        SensorMeasure.Pressure => "pressure",
        _ => "distance",
    };
}
