using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Sensors.Polled;
using PiNeurons.Hardware.Sensors.Polled.Bme280;
using PiNeurons.Hardware.Sensors.Polled.Simulated;

namespace PiNeurons.Hardware.Tests.Sensors.Polled;

public sealed class PolledSensorFactoryTests
{
    [Fact]
    public void Create_EdgeSensorEntry_RefusedWithoutClaimingItsPin()
    {
        using var gpio = new GpioController(new SimulatedGpioDriver());
        var pir = new SensorEntry("motion", SensorTypes.Pir, 17, PullMode.None, EdgeKind.Rising, 10);

        var error = Assert.Throws<ArgumentException>(() => PolledSensorFactory.Create(pir, gpio, new SensorBuses()));

        Assert.StartsWith("sensor motion: 'pir' is not a polled sensor", error.Message, StringComparison.Ordinal);
        Assert.False(gpio.IsPinOpen(17));
    }

    [Fact]
    public void Create_EveryPolledType_ExposesNameMeasureAndUnit()
    {
        using var gpio = new GpioController(new SimulatedGpioDriver());
        var buses = new SensorBuses();
        SensorEntry[] entries =
        [
            PolledEntries.Bme280("air", SensorMeasure.Pressure),
            PolledEntries.Dht22("dht", SensorMeasure.Humidity, 4),
            PolledEntries.Hcsr04("sonar", 23, 24),
            PolledEntries.Ds18b20("tank", "28-00000a1b2c3d"),
        ];

        var sensors = entries.Select(s => PolledSensorFactory.Create(s, gpio, buses)).ToList();
        try
        {
            Assert.Equal(["air", "dht", "sonar", "tank"], sensors.Select(s => s.Name));
            Assert.Equal(["hPa", "%", "cm", "°C"], sensors.Select(s => s.Unit));
            Assert.Equal([SensorMeasure.Pressure, SensorMeasure.Humidity, SensorMeasure.Distance, SensorMeasure.Temperature], sensors.Select(s => s.Measure));
        }
        finally
        {
            sensors.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void CreateSimulated_Bme280_IsTheSimulatedChipReadThroughTheBinding()
    {
        var time = new FakeTimeProvider();
        using var sensor = PolledSensorFactory.CreateSimulated(PolledEntries.Bme280("air", SensorMeasure.Temperature), SensorBuses.Simulated(time));
        time.Advance(TimeSpan.FromSeconds(10));

        var reading = sensor.Read();

        Assert.IsType<Bme280Sensor>(sensor);
        Assert.Equal(SimulatedCurves.ValueAt(SensorMeasure.Temperature, TimeSpan.FromSeconds(10) + SimulatedI2cBus.OffsetFor(1, 0x76)), reading.Value, 0.01);
    }

    [Fact]
    public void CreateSimulated_RealBuses_RefusedRatherThanOpeningRealI2c()
    {
        var opened = false;
        var real = new SensorBuses { OpenI2c = (bus, address) => { opened = true; return new SimulatedBme280Chip(bus, address); } };

        var error = Assert.Throws<ArgumentException>(() => PolledSensorFactory.CreateSimulated(PolledEntries.Bme280("air", SensorMeasure.Humidity), real));

        Assert.StartsWith("sensor air: a simulated sensor needs the buses of SensorBuses.Simulated", error.Message, StringComparison.Ordinal);
        Assert.False(opened);
    }

    [Fact]
    public void SensorBuses_Defaults_AreThePiLocations()
    {
        Assert.Equal("/sys/bus/w1/devices", new SensorBuses().OneWireRoot);
    }
}
