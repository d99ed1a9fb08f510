using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Sensors.Polled;
using PiNeurons.Hardware.Sensors.Polled.Simulated;

namespace PiNeurons.Hardware.Tests.Sensors.Polled.Simulated;

/// <summary>
/// The simulated BME280 read as a real one is: through the factory, Bme280Device, the binding and its
/// compensation. What comes out must be the curve the chip's ADC outputs were computed from.
/// </summary>
public sealed class SimulatedBme280ChipTests : IDisposable
{
    private readonly GpioController _gpio = new(new SimulatedGpioDriver());
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _gpio.Dispose();

    private IPolledSensor Create(SensorEntry entry, SensorBuses buses) => PolledSensorFactory.Create(entry, _gpio, buses, _time);

    [Theory]
    [InlineData(SensorMeasure.Temperature, "°C")]
    [InlineData(SensorMeasure.Humidity, "%")]
    [InlineData(SensorMeasure.Pressure, "hPa")]
    public void Read_AtTwoTimes_GivesTheCurveOfEachMeasureThroughTheBinding(SensorMeasure measure, string unit)
    {
        var buses = SensorBuses.Simulated(_time);
        using var sensor = Create(PolledEntries.Bme280("air", measure, bus: 1, address: 0x76), buses);
        var offset = SimulatedI2cBus.OffsetFor(1, 0x76);

        _time.Advance(TimeSpan.FromSeconds(20));
        var early = sensor.Read();
        _time.Advance(TimeSpan.FromSeconds(70));
        var late = sensor.Read();

        Assert.Equal(SimulatedCurves.ValueAt(measure, TimeSpan.FromSeconds(20) + offset), early.Value, 0.01);
        Assert.Equal(SimulatedCurves.ValueAt(measure, TimeSpan.FromSeconds(90) + offset), late.Value, 0.01);
        Assert.True(Math.Abs(late.Value - early.Value) > 0.1, $"the reading follows the clock: {early.Value} then {late.Value}");
        Assert.Equal(unit, late.Unit);
    }

    [Theory]
    [InlineData(-40, 300, 0)]
    [InlineData(0, 950, 20)]
    [InlineData(24, 1013.25, 50)]
    [InlineData(28.123, 1015.749, 57.891)]
    [InlineData(85, 1100, 100)]
    public void AdcFor_AcrossTheSensorsRange_CompensatesBackToTheReading(double celsius, double hectopascals, double percent)
    {
        var (adcT, adcP, adcH) = LinearBme280Trimming.AdcFor(celsius, hectopascals, percent);
        var chip = LinearBme280Trimming.LoadInto(new SimulatedBme280Chip()).WithAdc(adcT, adcP, adcH);
        var buses = new SensorBuses { OpenI2c = (_, _) => chip };
        using var temperature = Create(PolledEntries.Bme280("t", SensorMeasure.Temperature), buses);
        using var pressure = Create(PolledEntries.Bme280("p", SensorMeasure.Pressure), buses);
        using var humidity = Create(PolledEntries.Bme280("h", SensorMeasure.Humidity), buses);

        Assert.Equal(celsius, temperature.Read().Value, 0.01);
        Assert.Equal(hectopascals, pressure.Read().Value, 0.01);
        Assert.Equal(percent, humidity.Read().Value, 0.01);
    }

    [Fact]
    public void ChipIdRegister_ReadsTheBme280Id()
    {
        using var chip = SensorBuses.Simulated(_time).OpenI2c(1, 0x76);

        chip.WriteByte(0xD0);

        Assert.Equal(0x60, chip.ReadByte());
    }

    [Fact]
    public void Read_PressureOverTenMinutes_DriftsAroundSeaLevel()
    {
        using var sensor = Create(PolledEntries.Bme280("air", SensorMeasure.Pressure), SensorBuses.Simulated(_time));

        List<double> values = [];
        for (var i = 0; i <= 20; i++)
        {
            values.Add(sensor.Read().Value);
            _time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.All(values, v => Assert.InRange(v, 1010.7, 1015.8));
        Assert.True(values.Max() - values.Min() > 4, "the pressure drifts by about ±2.5 hPa");
    }

    [Fact]
    public void Read_ChipsAtTwoAddresses_AreNotInLockstep()
    {
        var buses = SensorBuses.Simulated(_time);
        using var first = Create(PolledEntries.Bme280("first", SensorMeasure.Temperature, address: 0x76), buses);
        using var second = Create(PolledEntries.Bme280("second", SensorMeasure.Temperature, address: 0x77), buses);
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.NotEqual(first.Read().Value, second.Read().Value, 0.1);
    }
}
