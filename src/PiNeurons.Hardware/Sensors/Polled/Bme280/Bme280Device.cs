using System.Device.I2c;
using System.Globalization;
// The folder, and so the namespace, is named Bme280 too; the alias keeps the binding's class reachable.
using BoschBme280 = Iot.Device.Bmxx80.Bme280;

namespace PiNeurons.Hardware.Sensors.Polled.Bme280;

/// <summary>
/// One BME280 chip, read through <see cref="Iot.Device.Bmxx80.Bme280"/> from Iot.Device.Bindings in forced mode, shared
/// by the sensors that report its measures. The I2C device is opened at the first read and dropped
/// after any failure, so a chip plugged in (or a bus enabled) later works without a restart.
/// </summary>
/// <remarks>Thread-safe: sensors polled on different threads take turns on the bus.</remarks>
internal sealed class Bme280Device : IDisposable
{
    // Register 0xD0 "id" reads 0x60 on a BME280 (BME280 datasheet, section 5.4.1).
    private const byte ChipIdRegister = 0xD0;
    private const byte Bme280ChipId = 0x60;

    private readonly Lock _gate = new();
    private readonly Func<int, int, I2cDevice> _open;
    private readonly int _bus;
    private readonly int _address;
    private BoschBme280? _bme;

    public Bme280Device(int bus, int address, Func<int, int, I2cDevice> open)
    {
        _open = open;
        _bus = bus;
        _address = address;
        Description = string.Create(CultureInfo.InvariantCulture, $"BME280 at I2C bus {bus} address 0x{address:X2}");
    }

    /// <summary>How messages name the chip: "BME280 at I2C bus 1 address 0x76".</summary>
    public string Description { get; }

    /// <summary>Runs one conversion and returns <paramref name="measure"/> in °C, % or hPa.</summary>
    public double Read(SensorMeasure measure)
    {
        lock (_gate)
        {
            try
            {
                var bme = _bme ??= Open();

                // Forced mode: one conversion, then the chip sleeps; the binding waits the conversion time.
                var result = bme.Read();
                return measure switch
                {
                    SensorMeasure.Temperature => result.Temperature?.DegreesCelsius ?? throw Skipped(measure),
                    SensorMeasure.Humidity => result.Humidity?.Percent ?? throw Skipped(measure),
                    _ => result.Pressure?.Hectopascals ?? throw Skipped(measure),
                };
            }
            catch
            {
                Drop();
                throw;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            Drop();
        }
    }

    private BoschBme280 Open()
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
                    $"{Description}: chip id 0x{id:X2} is not a BME280's 0x60{hint}."));
            }

            return new BoschBme280(device);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    private SensorReadException Skipped(SensorMeasure measure) =>
        new($"{Description}: the binding skipped the {measure.ToString().ToLowerInvariant()} measurement.");

    private void Drop()
    {
        // Disposing the binding disposes the I2C device it was given.
        _bme?.Dispose();
        _bme = null;
    }
}
