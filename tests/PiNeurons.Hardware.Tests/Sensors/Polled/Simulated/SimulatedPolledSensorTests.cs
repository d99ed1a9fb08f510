using Microsoft.Extensions.Time.Testing;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Sensors.Polled;

namespace PiNeurons.Hardware.Tests.Sensors.Polled.Simulated;

public sealed class SimulatedPolledSensorTests
{
    private readonly FakeTimeProvider _time = new();

    private IPolledSensor CreateSimulated(SensorEntry entry) => PolledSensorFactory.CreateSimulated(entry, SensorBuses.Simulated(_time));

    private List<double> Sample(IPolledSensor sensor, TimeSpan span, TimeSpan step)
    {
        List<double> values = [];
        for (var t = TimeSpan.Zero; t <= span; t += step)
        {
            values.Add(sensor.Read().Value);
            _time.Advance(step);
        }

        return values;
    }

    [Fact]
    public void Read_TemperatureOverOnePeriod_CrossesTwentyFiveOnceUpAndOnceDown()
    {
        using var sensor = CreateSimulated(PolledEntries.Dht22("room", SensorMeasure.Temperature, 4));

        var values = Sample(sensor, TimeSpan.FromMinutes(4) - TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        var up = values.Zip(values.Skip(1)).Count(p => p.First < 25 && p.Second >= 25);
        var down = values.Zip(values.Skip(1)).Count(p => p.First >= 25 && p.Second < 25);
        Assert.Equal(1, up);
        Assert.Equal(1, down);
        Assert.True(values[0] < 25, $"the room starts cool, was {values[0]}");
        Assert.InRange(values.Min(), 19.99, 21);
        Assert.InRange(values.Max(), 27, 28.01);
    }

    [Fact]
    public void Read_SameNameAndTime_GivesSameValue()
    {
        using var first = CreateSimulated(PolledEntries.Dht22("room", SensorMeasure.Humidity, 4));
        using var second = CreateSimulated(PolledEntries.Dht22("room", SensorMeasure.Humidity, 4));
        _time.Advance(TimeSpan.FromSeconds(77));

        Assert.Equal(first.Read(), second.Read());
    }

    [Fact]
    public void Read_DifferentNames_ArePhaseShifted()
    {
        using var kitchen = CreateSimulated(PolledEntries.Dht22("kitchen", SensorMeasure.Temperature, 4));
        using var cellar = CreateSimulated(PolledEntries.Ds18b20("cellar", "28-00000a1b2c3d"));
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.NotEqual(kitchen.Read().Value, cellar.Read().Value);
    }

    [Fact]
    public void Read_Humidity_StaysInPlausibleBand()
    {
        using var sensor = CreateSimulated(PolledEntries.Dht22("air", SensorMeasure.Humidity, 4));

        var values = Sample(sensor, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5));

        Assert.All(values, v => Assert.InRange(v, 42, 58));
        Assert.True(values.Max() - values.Min() > 1, "the value varies over time");
        Assert.Equal("%", sensor.Read().Unit);
    }

    [Fact]
    public void Read_Distance_VariesSmoothlyWithinRange()
    {
        using var sensor = CreateSimulated(PolledEntries.Hcsr04("door", 23, 24));

        var values = Sample(sensor, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1));

        Assert.All(values, v => Assert.InRange(v, 40, 200));
        // 80 cm amplitude over 90 s moves at most 2π × 80 / 90 ≈ 5.6 cm a second.
        Assert.All(values.Zip(values.Skip(1)), p => Assert.InRange(Math.Abs(p.Second - p.First), 0, 6));
        Assert.Equal("cm", sensor.Unit);
    }
}
