namespace PiNeurons.Aggregator.Latency;

/// <summary>The upper bounds of the edge-latency histogram, one list for the API and /metrics so both count alike.</summary>
public static class LatencyBuckets
{
    /// <summary>
    /// In milliseconds: from a hop between two neurons of one Pi (about a millisecond) to a broker far away or a
    /// queue that builds up (seconds). The pairs' times are whole milliseconds, so the first bound holds the pairs
    /// that took no measurable time.
    /// </summary>
    public static IReadOnlyList<double> BoundsMs { get; } = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
}
