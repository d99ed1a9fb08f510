using System.Globalization;

namespace PiNeurons.Cli.Bench;

/// <summary>
/// Speed as a multiple of the wire's limit measured in the same run: absolute figures on a shared machine move from
/// run to run, ratios far less. The limit comes from two minimal C clients (libmosquitto) through the same kind of
/// broker: their round trip for latency (a hop cannot cost less than half of it), their message rate for throughput.
/// </summary>
internal static class LimitRatio
{
    /// <summary>The line after the per-hop figures: each percentile over half of <paramref name="roundTripMicroseconds"/>.</summary>
    public static string Hops(LatencySummary hops, double roundTripMicroseconds)
    {
        var half = roundTripMicroseconds / 2;
        return string.Create(CultureInfo.InvariantCulture,
            $"against the limit (half of a {roundTripMicroseconds:0.0} µs round trip = {half:0.0} µs):   p50 {hops.P50 / half:0.0}x   p90 {hops.P90 / half:0.0}x   p99 {hops.P99 / half:0.0}x");
    }

    /// <summary>The line after the throughput figures: the neuron's rate over <paramref name="limitPerSecond"/>.</summary>
    public static string Rate(double processedPerSecond, double limitPerSecond) =>
        string.Create(CultureInfo.InvariantCulture,
            $"against the limit ({limitPerSecond:#,0} msg/s):   processed {processedPerSecond / limitPerSecond:0.00}x");
}
