namespace PiNeurons.Aggregator.Latency;

/// <summary>
/// The delays measured on one connection, in whole milliseconds. Not thread-safe: <see cref="EdgeLatencyTracker"/>
/// holds it under its lock.
/// </summary>
internal sealed class LatencyDistribution
{
    // Events carry `at` to the millisecond, so every delay is a whole number of milliseconds and counting each value
    // keeps the percentiles exact with few entries. A delay beyond the pairing window comes only from clocks that
    // disagree; those are kept to the second, and capped, so that a wild clock cannot grow the table without bound.
    private const long ExactUpToMs = 10_000;
    private const long CapMs = 3_600_000;

    private readonly SortedDictionary<long, long> _counts = [];

    public long Count { get; private set; }

    public long SumMs { get; private set; }

    public long MaxMs { get; private set; }

    /// <summary>Adds one delay (not negative: a negative one is a clock disagreement, not a delay).</summary>
    public void Add(long ms)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ms);
        var key = ms <= ExactUpToMs ? ms : Math.Min(ms / 1000 * 1000, CapMs);
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
        Count++;
        SumMs += ms;
        MaxMs = Math.Max(MaxMs, ms);
    }

    /// <summary>The smallest delay that at least <paramref name="perMille"/>/1000 of the pairs did not exceed (nearest
    /// rank); in per mille so that the rank is computed in integers, without a float rounding it up by one.</summary>
    public long Percentile(int perMille)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("no delay measured yet");
        }

        var rank = Math.Max(1, ((perMille * Count) + 999) / 1000);
        long seen = 0;
        foreach (var (value, n) in _counts)
        {
            seen += n;
            if (seen >= rank)
            {
                return value;
            }
        }

        return MaxMs;
    }

    /// <summary>How many delays were at most <paramref name="boundMs"/> (exact for bounds up to 10 s).</summary>
    public long CountAtMost(double boundMs)
    {
        long n = 0;
        foreach (var (value, count) in _counts)
        {
            if (value > boundMs)
            {
                break;
            }

            n += count;
        }

        return n;
    }
}
