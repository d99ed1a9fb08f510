using PiNeurons.Cli.Bench;

namespace PiNeurons.Cli.Tests.Bench;

public sealed class LimitRatioTests
{
    [Fact]
    public void Hops_EachPercentileOverHalfTheRoundTrip()
    {
        var hops = new LatencySummary(9000, P50: 168, P90: 336, P99: 784, Mean: 200, Max: 9000);

        var line = LimitRatio.Hops(hops, roundTripMicroseconds: 112);

        Assert.Equal("against the limit (half of a 112.0 µs round trip = 56.0 µs):   p50 3.0x   p90 6.0x   p99 14.0x", line);
    }

    [Fact]
    public void Rate_ProcessedOverTheLimit()
    {
        Assert.Equal("against the limit (45,900 msg/s):   processed 0.60x", LimitRatio.Rate(27_540, 45_900));
    }
}
