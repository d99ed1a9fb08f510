using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Tests.Storage;

public sealed class NeuronTallyTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Count_SeqSkipsAhead_GapsAreTheSkippedNumbers()
    {
        var tally = new NeuronTally("a");

        Assert.Equal([0L, 0, 2, 0, 3], new long[] { 1, 2, 5, 6, 10 }.Select(s => tally.Count(s, "fired", T0)));
        Assert.Equal((5L, 10L), (tally.MissingSeqs, tally.ToCounters().LastSeq));
    }

    [Fact]
    public void Count_LateArrivals_FillHolesButNeverBelowZero()
    {
        var tally = new NeuronTally("a");
        tally.Count(1, "fired", T0);
        tally.Count(3, "fired", T0);

        tally.Count(2, "fired", T0);
        tally.Count(2, "fired", T0.AddDays(1));

        Assert.Equal((0L, 3L, 4L), (tally.MissingSeqs, tally.ToCounters().LastSeq, tally.Events));
    }

    [Fact]
    public void Count_SameSeqAsLast_NeitherGapNorFill()
    {
        var tally = new NeuronTally(new NeuronCounters("a", 3, 0, 0, 0, 0, 7, 2, T0));

        Assert.Equal(0, tally.Count(7, "fired", T0.AddDays(1)));
        Assert.Equal(2, tally.MissingSeqs);
    }

    [Fact]
    public void Count_OlderReceivedTime_KeepsTheNewestLastSeen()
    {
        var tally = new NeuronTally("a");
        tally.Count(1, "kicked", T0.AddMinutes(1));
        tally.Count(2, "error", T0);

        Assert.Equal(new NeuronCounters("a", 2, 1, 0, 0, 1, 2, 0, T0.AddMinutes(1)), tally.ToCounters());
    }
}
