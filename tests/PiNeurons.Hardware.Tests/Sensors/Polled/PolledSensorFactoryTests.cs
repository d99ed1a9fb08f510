using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Sensors.Polled;

namespace PiNeurons.Hardware.Tests.Sensors.Polled;

public sealed class PolledSensorFactoryTests
{
    public static TheoryData<PolledSensorSpec, string> ImpossibleSpecs => new()
    {
        { new Bme280SensorSpec(" ", SensorMeasure.Temperature), "Name must not be empty" },
        { new Bme280SensorSpec("air", SensorMeasure.Distance), "sensor 'air': Measure Distance is not offered by a BME280" },
        { new Bme280SensorSpec("air", SensorMeasure.Pressure, Address: 0x78), "sensor 'air': Address 0x78 is outside the 7-bit range 0x03-0x77" },
        { new Bme280SensorSpec("air", SensorMeasure.Pressure, Address: 0x02), "sensor 'air': Address 0x02 is outside" },
        { new Bme280SensorSpec("air", SensorMeasure.Pressure, Bus: -1), "sensor 'air': Bus must not be negative" },
        { new Dht22SensorSpec("dht", SensorMeasure.Pressure, 4), "sensor 'dht': Measure Pressure is not offered by a DHT22" },
        { new Dht22SensorSpec("dht", SensorMeasure.Humidity, -4), "sensor 'dht': Pin must not be negative" },
        { new Hcsr04SensorSpec("sonar", -1, 24), "sensor 'sonar': TriggerPin must not be negative" },
        { new Hcsr04SensorSpec("sonar", 23, -2), "sensor 'sonar': EchoPin must not be negative" },
        { new Hcsr04SensorSpec("sonar", 23, 23), "sensor 'sonar': TriggerPin and EchoPin must be different" },
        { new Ds18b20SensorSpec("tank", "28-xyz"), "sensor 'tank': DeviceId '28-xyz' is not a 1-Wire thermometer id" },
        { new Ds18b20SensorSpec("tank", "../../etc"), "sensor 'tank': DeviceId '../../etc'" },
        { new Ds18b20SensorSpec("tank", "01-00000a1b2c3d"), "sensor 'tank': DeviceId '01-00000a1b2c3d'" },
    };

    [Theory]
    [MemberData(nameof(ImpossibleSpecs))]
    public void Validate_ImpossibleSpec_ThrowsNamingField(PolledSensorSpec spec, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => PolledSensorFactory.Validate(spec));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Hcsr04WithMeasureChanged_Throws()
    {
        var spec = new Hcsr04SensorSpec("sonar", 23, 24) with { Measure = SensorMeasure.Temperature };

        Assert.Throws<ArgumentException>(() => PolledSensorFactory.Validate(spec));
    }

    [Fact]
    public void Create_ImpossibleSpec_ThrowsBeforeClaimingPins()
    {
        using var gpio = new GpioController(new SimulatedGpioDriver());

        Assert.Throws<ArgumentException>(() => PolledSensorFactory.Create(new Hcsr04SensorSpec("sonar", 23, 23), gpio, new SensorBuses()));
        Assert.False(gpio.IsPinOpen(23));
    }

    [Fact]
    public void CreateSimulated_ImpossibleSpec_Throws()
    {
        Assert.Throws<ArgumentException>(() => PolledSensorFactory.CreateSimulated(new Dht22SensorSpec("dht", SensorMeasure.Distance, 4), new FakeTimeProvider()));
    }

    [Fact]
    public void Create_ValidSpecs_ExposeNameMeasureAndUnit()
    {
        using var gpio = new GpioController(new SimulatedGpioDriver());
        var buses = new SensorBuses();
        PolledSensorSpec[] specs =
        [
            new Bme280SensorSpec("air", SensorMeasure.Pressure),
            new Dht22SensorSpec("dht", SensorMeasure.Humidity, 4),
            new Hcsr04SensorSpec("sonar", 23, 24),
            new Ds18b20SensorSpec("tank", "28-00000a1b2c3d"),
        ];

        var sensors = specs.Select(s => PolledSensorFactory.Create(s, gpio, buses)).ToList();
        try
        {
            Assert.Equal(["air", "dht", "sonar", "tank"], sensors.Select(s => s.Name));
            Assert.Equal(["hPa", "%", "cm", "°C"], sensors.Select(s => s.Unit));
            Assert.Equal(specs.Select(s => s.Measure), sensors.Select(s => s.Measure));
        }
        finally
        {
            sensors.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void SensorBuses_Defaults_AreThePiLocations()
    {
        Assert.Equal("/sys/bus/w1/devices", new SensorBuses().OneWireRoot);
    }
}
