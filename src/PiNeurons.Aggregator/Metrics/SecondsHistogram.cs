namespace PiNeurons.Aggregator.Metrics;

/// <summary>A histogram of durations with fixed bounds in seconds, recorded from any thread without a lock.</summary>
public sealed class SecondsHistogram
{
    private readonly double[] _bounds;

    // One slot per bound plus one for the +Inf bucket; not cumulative, so a record touches one slot.
    private readonly long[] _counts;
    private long _sumTicks;

    /// <summary>A histogram with these upper bounds, in seconds, ascending.</summary>
    public SecondsHistogram(IReadOnlyList<double> boundsSeconds)
    {
        ArgumentNullException.ThrowIfNull(boundsSeconds);
        for (var i = 1; i < boundsSeconds.Count; i++)
        {
            if (!(boundsSeconds[i] > boundsSeconds[i - 1]))
            {
                throw new ArgumentException("The bounds must ascend.", nameof(boundsSeconds));
            }
        }

        _bounds = [.. boundsSeconds];
        _counts = new long[_bounds.Length + 1];
    }

    /// <summary>Records one duration.</summary>
    public void Record(TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        var slot = 0;
        while (slot < _bounds.Length && seconds > _bounds[slot])
        {
            slot++;
        }

        Interlocked.Increment(ref _counts[slot]);
        Interlocked.Add(ref _sumTicks, duration.Ticks);
    }

    /// <summary>The buckets, count and sum so far. The count is the buckets' total, so the <c>+Inf</c> bucket always equals it.</summary>
    public HistogramSample Snapshot()
    {
        var buckets = new HistogramBucket[_bounds.Length];
        long cumulative = 0;
        for (var i = 0; i < _bounds.Length; i++)
        {
            cumulative += Interlocked.Read(ref _counts[i]);
            buckets[i] = new HistogramBucket(_bounds[i], cumulative);
        }

        cumulative += Interlocked.Read(ref _counts[^1]);
        return new HistogramSample(buckets, cumulative, TimeSpan.FromTicks(Interlocked.Read(ref _sumTicks)).TotalSeconds);
    }
}
