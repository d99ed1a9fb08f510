namespace PiNeurons.Aggregator.Latency;

/// <summary>
/// One connection's delay from the sender's <c>fired</c> event to the <c>kicked</c> event it caused downstream, by the
/// two neurons' own clocks, over every pair seen since the aggregator started. Immutable.
/// </summary>
/// <param name="Count">Pairs measured: both clocks synchronized and the kick not before the firing.</param>
/// <param name="SumMs">Their delays added up.</param>
/// <param name="P50Ms">The median delay; null while <paramref name="Count"/> is 0.</param>
/// <param name="P90Ms">90% of the pairs took this long or less; null while <paramref name="Count"/> is 0.</param>
/// <param name="P99Ms">99% of the pairs took this long or less; null while <paramref name="Count"/> is 0.</param>
/// <param name="MaxMs">The longest delay; null while <paramref name="Count"/> is 0.</param>
/// <param name="Buckets">
/// How many measured pairs took at most each bound of <see cref="LatencyBuckets.BoundsMs"/> (cumulative, as
/// Prometheus counts), listed up to the first bound that holds every pair: the ones after it would repeat
/// <paramref name="Count"/>.
/// </param>
/// <param name="UnsynchronizedPairs">Pairs not measured because a neuron said its clock was unsynchronized.</param>
/// <param name="Unsynchronized">The neurons whose clock was unsynchronized in the newest pair (sorted); empty when that pair was measurable.</param>
/// <param name="SkewedPairs">Pairs not measured because the kick was stamped before the firing: the two clocks disagree.</param>
/// <param name="MaxSkewMs">By how much they disagreed at most; null when they never did.</param>
public sealed record EdgeLatency(
    long Count,
    long SumMs,
    long? P50Ms,
    long? P90Ms,
    long? P99Ms,
    long? MaxMs,
    IReadOnlyList<LatencyBucket> Buckets,
    long UnsynchronizedPairs,
    IReadOnlyList<string> Unsynchronized,
    long SkewedPairs,
    long? MaxSkewMs)
{
    /// <summary>The measured pairs that took at most <paramref name="boundMs"/>, for a bound of <see cref="LatencyBuckets.BoundsMs"/>
    /// (one that <see cref="Buckets"/> leaves out holds every pair).</summary>
    public long CountAtMost(double boundMs)
    {
        foreach (var bucket in Buckets)
        {
            if (bucket.LeMs.Equals(boundMs))
            {
                return bucket.Count;
            }
        }

        return Count;
    }
}

/// <summary>One bucket of <see cref="EdgeLatency.Buckets"/>.</summary>
/// <param name="LeMs">The bound, in milliseconds.</param>
/// <param name="Count">Measured pairs that took at most <paramref name="LeMs"/>.</param>
public sealed record LatencyBucket(double LeMs, long Count);
