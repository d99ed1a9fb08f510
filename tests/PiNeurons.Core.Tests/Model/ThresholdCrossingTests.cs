using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;

namespace PiNeurons.Core.Tests.Model;

public class ThresholdCrossingTests
{
    private static bool[] Feed(ThresholdDirection direction, double value, double hysteresis, params double[] readings)
    {
        var crossing = new ThresholdCrossing(new SensorThresholdEntry(direction, value, hysteresis));
        return [.. readings.Select(crossing.Observe)];
    }

    [Fact]
    public void Observe_RoomWarmsPastAbove_KicksOnceAtTheCrossing()
    {
        Assert.Equal([false, false, true, false, false], Feed(ThresholdDirection.Above, 25, 0.5, 23, 24.9, 25, 26, 27));
    }

    [Fact]
    public void Observe_HoveringAtTheThreshold_KicksOnlyOnce()
    {
        Assert.Equal([true, false, false, false, false], Feed(ThresholdDirection.Above, 25, 0.5, 25.1, 24.9, 25.0, 24.6, 25.2));
    }

    [Fact]
    public void Observe_BackPastTheHysteresisThenUpAgain_KicksAgain()
    {
        Assert.Equal([true, false, false, true], Feed(ThresholdDirection.Above, 25, 0.5, 25.5, 24.5, 24.4, 25));
    }

    [Fact]
    public void Observe_Below_KicksWhenTheReadingFalls()
    {
        // A hand coming within 20 cm of an HC-SR04, staying, leaving and coming back.
        Assert.Equal([false, true, false, false, true], Feed(ThresholdDirection.Below, 20, 2, 80, 19, 21, 30, 15));
    }

    [Fact]
    public void Observe_FirstReadingAlreadyBeyond_Kicks()
    {
        Assert.Equal([true, false], Feed(ThresholdDirection.Above, 25, 0.5, 28, 28));
    }

    [Fact]
    public void Observe_ZeroHysteresis_RearmsAsSoonAsTheReadingIsBack()
    {
        Assert.Equal([true, false, true], Feed(ThresholdDirection.Above, 25, 0, 25, 24.99, 25));
    }

    [Fact]
    public void Observe_NotANumber_NeverKicksNorRearms()
    {
        Assert.Equal([true, false, false, false], Feed(ThresholdDirection.Above, 25, 0.5, 26, double.NaN, double.NegativeInfinity, 26));
    }
}
