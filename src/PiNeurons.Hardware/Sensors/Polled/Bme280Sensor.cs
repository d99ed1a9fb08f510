using System.Device.I2c;
using System.Globalization;
using Iot.Device.Bmxx80;

namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>
/// A BME280 read through <see cref="Bme280"/> from Iot.Device.Bindings, one measure per read in forced
/// mode. The device is opened at the first read and dropped after any failure, so a sensor plugged in
/// (or a bus enabled) later starts working without a restart.
/// </summary>
internal sealed class Bme280Sensor : IPolledSensor
{
    // Register 0xD0 "id" reads 0x60 on a BME280 (BME280 datasheet, section 5.4.1).
    private const byte ChipIdRegister = 0xD0;
    private const byte Bme280ChipId = 0x60;

    private readonly Func<int, int, I2cDevice> _open;
    private readonly int _bus;
    private readonly int _address;
    private readonly string _device;
    private Bme280? _bme;

    public Bme280Sensor(Bme280SensorSpec spec, Func<int, int, I2cDevice> open)
    {
        _open = open;
        _bus = spec.Bus;
        _address = spec.Address;
        Name = spec.Name;
        Measure = spec.Measure;
        _device = string.Create(CultureInfo.InvariantCulture, $"BME280 at I2C bus {spec.Bus} address 0x{spec.Address:X2}");
    }

    public string Name { get; }

    public SensorMeasure Measure { get; }

    public string Unit => SensorUnits.For(Measure);

    public SensorReading Read()
    {
        try
        {
            return SensorReadGuard.Read(_device, Measure, ReadOnce);
        }
        catch (SensorReadException)
        {
            Drop();
            throw;
        }
    }

    public void Dispose() => Drop();

    private double ReadOnce()
    {
        var bme = _bme ??= Open();

        // Forced mode: one conversion, then the chip sleeps; the binding waits the conversion time.
        var result = bme.Read();
        return Measure switch
        {
            SensorMeasure.Temperature => result.Temperature?.DegreesCelsius ?? throw Skipped(),
            SensorMeasure.Humidity => result.Humidity?.Percent ?? throw Skipped(),
            _ => result.Pressure?.Hectopascals ?? throw Skipped(),
        };
    }

    private Bme280 Open()
    {
        var device = _open(_bus, _address);
        try
        {
            // Checked here rather than left to the binding, whose IOException reads as "not found"
            // when the real problem is a different chip at that address.
            device.WriteByte(ChipIdRegister);
            var id = device.ReadByte();
            if (id != Bme280ChipId)
            {
                var hint = id switch
                {
                    0x58 => " (0x58 is a BMP280, which has no humidity sensor)",
                    0x61 => " (0x61 is a BME680)",
                    _ => string.Empty,
                };
                throw new SensorReadException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{_device}: chip id 0x{id:X2} is not a BME280's 0x60{hint}."));
            }

            return new Bme280(device);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    private SensorReadException Skipped() =>
        new($"{_device}: the binding skipped the {Measure.ToString().ToLowerInvariant()} measurement.");

    private void Drop()
    {
        // Disposing the binding disposes the I2C device it was given.
        _bme?.Dispose();
        _bme = null;
    }
}
