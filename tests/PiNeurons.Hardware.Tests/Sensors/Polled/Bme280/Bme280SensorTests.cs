using System.Device.Gpio;
using System.Device.I2c;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Sensors.Polled;
using PiNeurons.Hardware.Sensors.Polled.Simulated;

namespace PiNeurons.Hardware.Tests.Sensors.Polled.Bme280;

public sealed class Bme280SensorTests : IDisposable
{
    private readonly GpioController _gpio = new(new SimulatedGpioDriver());

    public void Dispose() => _gpio.Dispose();

    // The compensation example of the Bosch BMP280 datasheet, whose temperature and pressure trimming
    // and formulas the BME280 shares (BME280 datasheet BST-BME280-DS002 rev 1.6, 5.2 "Register
    // compatibility to BMP280"): dig_T1..T3 with adc_T = 519888 give 25.08 °C (t_fine = 128422);
    // dig_P1..P9 with adc_P = 415148 give 100653.27 Pa. Checked against BST-BMP280-DS001 rev 1.23:
    // trimming map, Table 17 (3.11.2); formulas, 3.11.3 and the double-precision ones in 8.1. The
    // example table itself (3.12 "Calculating pressure and temperature") could not be retrieved; the
    // expected values here are re-derived with the 8.1 formulas: 25.0825 °C and 100653.267 Pa.
    private static SimulatedBme280Chip DatasheetExample(byte chipId = 0x60) =>
        new SimulatedBme280Chip(chipId: chipId)
            .WithTemperatureAndPressureTrimming(27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000)
            //
            // Humidity (BME280 datasheet 4.2.3 and 8.1, bme280_compensate_H_double), with trimming words of
            // the size real chips carry: H1 = 75, H2 = 362, H3 = 0, H4 = 324, H5 = 0, H6 = 30, adc_H = 30000.
            // With H3 = H5 = 0 the formula is var_H = (adc_H - 64 H4) × H2/65536 × (1 + H6/67108864 × x),
            // x = t_fine - 76800 = 51622.287, then var_H × (1 - H1 × var_H / 524288):
            //   (30000 - 20736) × 0.0055237 = 51.1714;  × (1 + 0.0230772) = 52.3523;
            //   × (1 - 75 × 52.3523 / 524288 = 0.9925109) = 51.960 %RH.
            .WithHumidityTrimming(75, 362, 0, 324, 0, 30)
            .WithAdc(temperature: 519888, pressure: 415148, humidity: 30000);

    private IPolledSensor Create(SensorMeasure measure, Func<int, int, I2cDevice> open) =>
        PolledSensorFactory.Create(PolledEntries.Bme280("room", measure), _gpio, new SensorBuses { OpenI2c = open });

    [Theory]
    [InlineData(SensorMeasure.Temperature, 25.08, 0.005, "°C")]
    [InlineData(SensorMeasure.Pressure, 1006.53, 0.005, "hPa")]
    [InlineData(SensorMeasure.Humidity, 51.96, 0.005, "%")]
    public void Read_DatasheetExample_GivesCompensatedValue(SensorMeasure measure, double expected, double tolerance, string unit)
    {
        using var sensor = PolledSensorFactory.Create(
            PolledEntries.Bme280("room", measure), _gpio, new SensorBuses { OpenI2c = (_, _) => DatasheetExample() });

        var reading = sensor.Read();

        Assert.Equal(expected, reading.Value, tolerance);
        Assert.Equal(unit, reading.Unit);
        Assert.Equal(unit, sensor.Unit);
    }

    [Fact]
    public void Read_DatasheetExample_OpensTheConfiguredBusAndAddressInForcedMode()
    {
        var device = DatasheetExample();
        (int Bus, int Address)? opened = null;
        using var sensor = PolledSensorFactory.Create(
            PolledEntries.Bme280("room", SensorMeasure.Temperature, bus: 3, address: 0x77),
            _gpio,
            new SensorBuses { OpenI2c = (bus, address) => { opened = (bus, address); return device; } });

        sensor.Read();

        Assert.Equal((3, 0x77), opened);
        // ctrl_meas (0xF4) mode bits 01 or 10 = forced (datasheet 5.4.5): one conversion per read, then sleep.
        Assert.Contains(device.Get(0xF4) & 0b11, new[] { 0b01, 0b10 });
    }

    [Fact]
    public void Read_DeviceDoesNotAnswer_ThrowsNamingBusAndAddress()
    {
        using var sensor = PolledSensorFactory.Create(
            PolledEntries.Bme280("room", SensorMeasure.Temperature, bus: 1, address: 0x76),
            _gpio,
            new SensorBuses { OpenI2c = (bus, address) => new SilentI2cDevice(bus, address) });

        var error = Assert.Throws<SensorReadException>(() => sensor.Read());

        Assert.Equal("BME280 at I2C bus 1 address 0x76: no answer (Remote I/O error)", error.Message);
    }

    [Fact]
    public void Read_BusCannotBeOpened_ThrowsSensorReadException()
    {
        using var sensor = Create(SensorMeasure.Pressure, (_, _) => throw new IOException("Error 2. Can not open I2C device file '/dev/i2c-1'."));

        var error = Assert.Throws<SensorReadException>(() => sensor.Read());

        Assert.StartsWith("BME280 at I2C bus 1 address 0x76: no answer (Error 2.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Bmp280AtTheAddress_ThrowsClearChipIdMessage()
    {
        using var sensor = Create(SensorMeasure.Humidity, (_, _) => DatasheetExample(chipId: 0x58));

        var error = Assert.Throws<SensorReadException>(() => sensor.Read());

        Assert.Equal("BME280 at I2C bus 1 address 0x76: chip id 0x58 is not a BME280's 0x60 (0x58 is a BMP280, which has no humidity sensor).", error.Message);
    }

    [Fact]
    public void Read_AfterAFailure_OpensTheDeviceAgainAndRecovers()
    {
        var attempts = 0;
        using var sensor = Create(SensorMeasure.Temperature, (bus, address) =>
            ++attempts == 1 ? new SilentI2cDevice(bus, address) : DatasheetExample());

        Assert.Throws<SensorReadException>(() => sensor.Read());
        var reading = sensor.Read();

        Assert.Equal(2, attempts);
        Assert.Equal(25.08, reading.Value, 0.005);
    }

    [Fact]
    public void Create_ThreeMeasuresOfOneChip_ShareOneDeviceUntilTheLastIsDisposed()
    {
        var opened = new List<SimulatedBme280Chip>();
        var buses = new SensorBuses { OpenI2c = (_, _) => { var d = DatasheetExample(); opened.Add(d); return d; } };
        var temperature = PolledSensorFactory.Create(PolledEntries.Bme280("t", SensorMeasure.Temperature), _gpio, buses);
        var humidity = PolledSensorFactory.Create(PolledEntries.Bme280("h", SensorMeasure.Humidity), _gpio, buses);
        var pressure = PolledSensorFactory.Create(PolledEntries.Bme280("p", SensorMeasure.Pressure), _gpio, buses);

        Assert.Equal(25.08, temperature.Read().Value, 0.005);
        Assert.Equal(51.96, humidity.Read().Value, 0.005);
        Assert.Equal(1006.53, pressure.Read().Value, 0.005);
        temperature.Dispose();
        humidity.Dispose();
        var stillOpen = !opened[0].IsDisposed;
        pressure.Dispose();

        Assert.Single(opened);
        Assert.True(stillOpen);
        Assert.True(opened[0].IsDisposed);
    }

    /// <summary>An address nobody answers at: Linux's i2c-dev fails the transfer with EREMOTEIO.</summary>
    private sealed class SilentI2cDevice(int bus, int address) : I2cDevice
    {
        public override I2cConnectionSettings ConnectionSettings { get; } = new(bus, address);

        public override byte ReadByte() => throw Nack();

        public override void Read(Span<byte> buffer) => throw Nack();

        public override void WriteByte(byte value) => throw Nack();

        public override void Write(ReadOnlySpan<byte> buffer) => throw Nack();

        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => throw Nack();

        private static IOException Nack() => new("Remote I/O error");
    }
}
