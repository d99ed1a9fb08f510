namespace PiNeurons.Hardware.Sensors.Polled.Ds18b20;

/// <summary>
/// A DS18B20 read through the kernel's w1_therm driver: reading <c>w1_slave</c> makes the kernel start
/// a conversion and wait for it (about 750 ms at 12-bit resolution), so a read blocks that long.
/// </summary>
/// <remarks>
/// Not <c>Iot.Device.OneWire.OneWireThermometerDevice</c>: in Iot.Device.Bindings 4.2.0 its sysfs folder
/// is the constant <c>/sys/bus/w1/devices</c>, which would leave tests no seam short of the real bus.
/// The file's format is small and stable, so we read it ourselves from <see cref="SensorBuses.OneWireRoot"/>.
/// </remarks>
internal sealed class Ds18b20Sensor : IPolledSensor
{
    private readonly string _path;
    private readonly string _device;

    public Ds18b20Sensor(string name, string deviceId, string oneWireRoot)
    {
        Name = name;
        _path = Path.Combine(oneWireRoot, deviceId, "w1_slave");
        _device = $"DS18B20 {deviceId}";
    }

    public string Name { get; }

    public SensorMeasure Measure => SensorMeasure.Temperature;

    public string Unit => SensorUnits.Celsius;

    public SensorReading Read() => SensorReadGuard.Read(_device, Measure, ReadOnce);

    public void Dispose()
    {
        // Nothing is held open between reads.
    }

    private double ReadOnce()
    {
        if (!File.Exists(_path))
        {
            throw new SensorReadException(
                $"{_device}: no device at {_path}; is the 1-Wire bus on (dtoverlay=w1-gpio in /boot/firmware/config.txt, then reboot) and the sensor wired with a 4.7 kΩ pull-up?");
        }

        try
        {
            return W1SlaveParser.Parse(File.ReadAllText(_path));
        }
        catch (InvalidDataException ex)
        {
            throw new SensorReadException($"{_device}: {ex.Message}", ex);
        }
    }
}
