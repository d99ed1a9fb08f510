using System.Device.Gpio;

namespace PiNeurons.Hardware.Sensors.Polled.Dht22;

/// <summary>One measure of a DHT22; the line itself is a <see cref="Dht22Line"/> shared with its other measure.</summary>
internal sealed class Dht22Sensor : IPolledSensor
{
    private readonly SharedDevices<(GpioController Gpio, int Pin), Dht22Line>.Lease _line;

    public Dht22Sensor(string name, SensorMeasure measure, SharedDevices<(GpioController Gpio, int Pin), Dht22Line>.Lease line)
    {
        Name = name;
        Measure = measure;
        _line = line;
    }

    public string Name { get; }

    public SensorMeasure Measure { get; }

    public string Unit => SensorUnits.For(Measure);

    public SensorReading Read() => SensorReadGuard.Read(_line.Device.Description, Measure, () =>
    {
        var frame = _line.Device.Read();
        return Measure == SensorMeasure.Humidity ? frame.Humidity : frame.Temperature;
    });

    public void Dispose() => _line.Dispose();
}
