using PiNeurons.Core.Manifest;
using PiNeurons.Core.Protocol;
using PiNeurons.Node.Runtime;

namespace PiNeurons.Node.Tests.Runtime;

/// <summary>What a neuron's state says about its sensors, and which readings kick it.</summary>
public sealed class SensorReadingsTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Snapshot_BeforeAnyReading_Null()
    {
        Assert.Null(new SensorReadings([]).Snapshot());
    }

    [Fact]
    public void Snapshot_TheLatestReadingOfEachSensor()
    {
        var readings = new SensorReadings([]);
        readings.Record("room", new SensorMessage(20, "°C", At));
        readings.Record("room", new SensorMessage(21, "°C", At.AddSeconds(1)));
        readings.Record("pir", new SensorMessage(1, string.Empty, At));

        var snapshot = readings.Snapshot();

        Assert.Equal(new SensorMessage(21, "°C", At.AddSeconds(1)), snapshot!["room"]);
        Assert.Equal(new SensorMessage(1, string.Empty, At), snapshot["pir"]);
    }

    [Fact]
    public void Snapshot_IsACopy()
    {
        var readings = new SensorReadings([]);
        readings.Record("room", new SensorMessage(20, "°C", At));
        var before = readings.Snapshot();

        readings.Record("room", new SensorMessage(30, "°C", At));

        Assert.Equal(20, before!["room"].Value);
    }

    [Fact]
    public void Crosses_RisingPastTheThreshold_OnceWithWhatItCrossed()
    {
        var readings = new SensorReadings([Polled("room", new SensorThresholdEntry(ThresholdDirection.Above, 25, 0.5))]);

        Assert.False(readings.Crosses("room", new SensorMessage(24.9, "°C", At), out _));
        Assert.True(readings.Crosses("room", new SensorMessage(25.25, "°C", At), out var crossed));
        Assert.Equal("rose to 25.25 °C, above the threshold 25 °C", crossed);
        Assert.False(readings.Crosses("room", new SensorMessage(26, "°C", At), out _));
    }

    [Fact]
    public void Crosses_FallingBelowWithoutAUnit_NoUnitInTheDescription()
    {
        var readings = new SensorReadings([Polled("level", new SensorThresholdEntry(ThresholdDirection.Below, 10, 0))]);

        Assert.True(readings.Crosses("level", new SensorMessage(9.5, string.Empty, At), out var crossed));
        Assert.Equal("fell to 9.5, below the threshold 10", crossed);
    }

    [Fact]
    public void Crosses_SensorWithoutAThresholdOrNotPolled_Never()
    {
        var edge = new SensorEntry("pir", SensorTypes.Pir, 17, PullMode.None, EdgeKind.Rising, 0)
        {
            Threshold = new SensorThresholdEntry(ThresholdDirection.Above, 0.5, 0),
        };
        var readings = new SensorReadings([Polled("room", null), edge]);

        Assert.False(readings.Crosses("room", new SensorMessage(1000, "°C", At), out _));
        Assert.False(readings.Crosses("pir", new SensorMessage(1, string.Empty, At), out _));
        Assert.False(readings.Crosses("unknown", new SensorMessage(1, string.Empty, At), out _));
    }

    private static SensorEntry Polled(string name, SensorThresholdEntry? threshold) =>
        new(name, SensorTypes.Bme280, -1, PullMode.None, EdgeKind.Rising, 0) { Threshold = threshold };
}
