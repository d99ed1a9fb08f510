namespace PiNeurons.Aggregator.Latency;

/// <summary>What the pairs of one connection gave so far. Not thread-safe: <see cref="EdgeLatencyTracker"/> holds it under its lock.</summary>
internal sealed class EdgeLatencyState
{
    private readonly LatencyDistribution _distribution = new();
    private long _unsynchronizedPairs;
    private string[] _unsynchronized = [];
    private long _skewedPairs;
    private long? _maxSkewMs;

    /// <summary>Kicked events of this connection waiting for the firing that caused them, oldest first.</summary>
    public List<EventStamp> PendingKicks { get; } = [];

    /// <summary>Measures one pair: the sender's firing and the kick it caused.</summary>
    public void Record(EventStamp fired, EventStamp kicked)
    {
        if (fired.ClockUnsynchronized || kicked.ClockUnsynchronized)
        {
            _unsynchronizedPairs++;
            _unsynchronized = [.. new[] { fired, kicked }.Where(s => s.ClockUnsynchronized).Select(s => s.Neuron).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            return;
        }

        _unsynchronized = [];
        // Both times are whole milliseconds (the protocol's resolution), so the difference is too.
        var ms = (long)Math.Round((kicked.At - fired.At).TotalMilliseconds);
        if (ms < 0)
        {
            // The kick cannot come before the firing that sent it: the two clocks disagree, by at least this much.
            _skewedPairs++;
            _maxSkewMs = Math.Max(_maxSkewMs ?? 0, -ms);
            return;
        }

        _distribution.Add(ms);
    }

    /// <summary>An immutable copy for readers.</summary>
    public EdgeLatency Snapshot()
    {
        var d = _distribution;
        var measured = d.Count > 0;
        var buckets = new List<LatencyBucket>(LatencyBuckets.BoundsMs.Count);
        foreach (var bound in measured ? LatencyBuckets.BoundsMs : [])
        {
            var n = d.CountAtMost(bound);
            buckets.Add(new LatencyBucket(bound, n));
            if (n == d.Count)
            {
                break;
            }
        }

        return new EdgeLatency(
            d.Count,
            d.SumMs,
            measured ? d.Percentile(500) : null,
            measured ? d.Percentile(900) : null,
            measured ? d.Percentile(990) : null,
            measured ? d.MaxMs : null,
            buckets,
            _unsynchronizedPairs,
            _unsynchronized,
            _skewedPairs,
            _maxSkewMs);
    }
}
