namespace PiNeurons.Cli.Bench;

/// <summary>Summary figures of a latency sample, in microseconds.</summary>
internal readonly record struct LatencySummary(int Count, double P50, double P90, double P99, double Mean, double Max)
{
    /// <summary>Nearest-rank percentiles of <paramref name="microseconds"/>.</summary>
    public static LatencySummary Of(IReadOnlyCollection<double> microseconds)
    {
        if (microseconds.Count == 0)
        {
            return default;
        }

        var sorted = microseconds.Order().ToArray();
        return new LatencySummary(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted.Average(), sorted[^1]);
    }

    public override string ToString() =>
        $"p50 {P50,8:0} µs   p90 {P90,8:0} µs   p99 {P99,8:0} µs   mean {Mean,8:0} µs   max {Max,8:0} µs   (n={Count})";

    private static double Rank(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
