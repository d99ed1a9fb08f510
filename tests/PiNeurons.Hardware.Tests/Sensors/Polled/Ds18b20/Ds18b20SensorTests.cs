using System.Device.Gpio;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Sensors.Polled;

namespace PiNeurons.Hardware.Tests.Sensors.Polled.Ds18b20;

/// <summary>The DS18B20 against a temporary folder laid out like <c>/sys/bus/w1/devices</c>.</summary>
public sealed class Ds18b20SensorTests : IDisposable
{
    private const string DeviceId = "28-00000a1b2c3d";

    private readonly string _root = Directory.CreateTempSubdirectory("w1-").FullName;
    private readonly GpioController _gpio = new(new SimulatedGpioDriver());

    public void Dispose()
    {
        _gpio.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private IPolledSensor Create() =>
        PolledSensorFactory.Create(PolledEntries.Ds18b20("tank", DeviceId), _gpio, new SensorBuses { OneWireRoot = _root });

    // What the kernel's w1_therm driver prints: the scratchpad bytes twice, a CRC verdict, milli-°C.
    private void Slave(string crc, int milliCelsius)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, DeviceId)).FullName;
        File.WriteAllText(
            Path.Combine(folder, "w1_slave"),
            $"72 01 4b 46 7f ff 0e 10 57 : crc=57 {crc}\n72 01 4b 46 7f ff 0e 10 57 t={milliCelsius}\n");
    }

    [Theory]
    [InlineData(23125, 23.125)]
    [InlineData(-10125, -10.125)]
    [InlineData(0, 0.0)]
    public void Read_GoodReading_GivesCelsius(int milliCelsius, double expected)
    {
        Slave("YES", milliCelsius);
        using var sensor = Create();

        var reading = sensor.Read();

        Assert.Equal(expected, reading.Value, 1e-9);
        Assert.Equal("°C", reading.Unit);
    }

    [Fact]
    public void Read_CrcNo_ThrowsSensorReadException()
    {
        Slave("NO", 23125);
        using var sensor = Create();

        var error = Assert.Throws<SensorReadException>(() => sensor.Read());

        Assert.StartsWith("DS18B20 28-00000a1b2c3d: CRC check failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PowerOnResetValue_ThrowsSensorReadException()
    {
        Slave("YES", 85000);
        using var sensor = Create();

        var error = Assert.Throws<SensorReadException>(() => sensor.Read());

        Assert.Contains("85 °C is the power-on reset value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingDevice_NamesPathAndOverlay()
    {
        using var sensor = Create();

        var error = Assert.Throws<SensorReadException>(() => sensor.Read());

        Assert.Contains(Path.Combine(_root, DeviceId, "w1_slave"), error.Message, StringComparison.Ordinal);
        Assert.Contains("dtoverlay=w1-gpio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedFile_ThrowsSensorReadException()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, DeviceId)).FullName;
        File.WriteAllText(Path.Combine(folder, "w1_slave"), "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n");
        using var sensor = Create();

        var error = Assert.Throws<SensorReadException>(() => sensor.Read());

        Assert.Contains("expected 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DeviceAppearsLater_ReadsWithoutRestart()
    {
        using var sensor = Create();
        Assert.Throws<SensorReadException>(() => sensor.Read());

        Slave("YES", 21500);

        Assert.Equal(21.5, sensor.Read().Value, 1e-9);
    }
}
