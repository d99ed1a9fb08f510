using PiNeurons.Aggregator.Metrics;

namespace PiNeurons.Aggregator.Tests.Metrics;

public sealed class SecondsHistogramTests
{
    [Fact]
    public void Snapshot_DurationsOnAndAroundTheBounds_CountsEachInTheFirstBucketThatHoldsItCumulatively()
    {
        var histogram = new SecondsHistogram([0.001, 0.01, 1]);

        foreach (var ms in new[] { 0, 1, 2, 10, 999, 1000, 1001, 60_000 })
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        var sample = histogram.Snapshot();
        Assert.Equal([(0.001, 2L), (0.01, 4L), (1, 6L)], sample.Buckets.Select(b => (b.UpperBound, b.CumulativeCount)));
        Assert.Equal(8, sample.Count);
        Assert.Equal(63.013, sample.Sum, 9);
    }

    [Fact]
    public void Snapshot_NothingRecorded_IsAllZero()
    {
        var sample = new SecondsHistogram(AggregatorMetrics.LagBoundsSeconds).Snapshot();

        Assert.Equal(13, sample.Buckets.Count);
        Assert.All(sample.Buckets, b => Assert.Equal(0, b.CumulativeCount));
        Assert.Equal((0L, 0.0), (sample.Count, sample.Sum));
    }

    [Fact]
    public void New_BoundsNotAscending_Throws() =>
        Assert.Throws<ArgumentException>(() => new SecondsHistogram([0.1, 0.1]));
}
