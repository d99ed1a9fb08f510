using PiNeurons.Aggregator.Latency;

namespace PiNeurons.Aggregator.Tests.Latency;

public sealed class LatencyDistributionTests
{
    [Fact]
    public void Percentile_OneToAHundred_IsTheNearestRank()
    {
        var d = new LatencyDistribution();
        foreach (var ms in Enumerable.Range(1, 100).Reverse())
        {
            d.Add(ms);
        }

        Assert.Equal((50L, 90L, 99L, 100L), (d.Percentile(500), d.Percentile(900), d.Percentile(990), d.MaxMs));
        Assert.Equal((100L, 5050L), (d.Count, d.SumMs));
    }

    [Fact]
    public void Percentile_TenPairs_NinetyPercentIsTheNinthNotTheTenth()
    {
        // 0.9 × 10 is 9.000000000000002 in floating point: a rank computed that way would be the 10th.
        var d = new LatencyDistribution();
        foreach (var ms in Enumerable.Range(1, 10))
        {
            d.Add(ms);
        }

        Assert.Equal(9, d.Percentile(900));
    }

    [Fact]
    public void CountAtMost_BucketBounds_CountWholeMilliseconds()
    {
        var d = new LatencyDistribution();
        foreach (var ms in new long[] { 0, 0, 1, 2, 5, 6, 5000, 5001 })
        {
            d.Add(ms);
        }

        Assert.Equal([2L, 3, 4, 5, 8], new[] { 0.5, 1, 2, 5, 10_000 }.Select(d.CountAtMost));
        Assert.Equal(7, d.CountAtMost(5000));
    }

    [Fact]
    public void Add_BeyondTenSeconds_KeptToTheSecondButTheMaxAndSumExact()
    {
        var d = new LatencyDistribution();
        d.Add(12_345);
        d.Add(99_999_999);

        Assert.Equal((12_000L, 99_999_999L, 100_012_344L), (d.Percentile(500), d.MaxMs, d.SumMs));
    }

    [Fact]
    public void Percentile_NothingMeasured_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new LatencyDistribution().Percentile(500));
}
