using PiNeurons.Aggregator.Latency;
using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Tests.Latency;

/// <summary>
/// The aggregator's per-edge latency on hand-made events with known delays: each event carries the time its neuron
/// stamped (<c>at</c>) and the time the aggregator received it, so the clock is the test's.
/// </summary>
public sealed class EdgeLatencyTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 18, 0, 0, TimeSpan.Zero);

    private readonly EdgeLatencyTracker _tracker = new();
    private readonly Dictionary<string, long> _seq = new(StringComparer.Ordinal);

    [Fact]
    public void Chain_KnownDelays_EachEdgeShowsItsOwn()
    {
        // x -> h1 takes 3 ms, h1 -> z takes 7 ms; each event reaches the aggregator 20 ms after it happened.
        for (var i = 0; i < 5; i++)
        {
            var t = T0.AddSeconds(i);
            Fired("x", hop: 1, at: t);
            Kicked("h1", from: "x", hop: 1, at: t.AddMilliseconds(3));
            Fired("h1", hop: 2, at: t.AddMilliseconds(3));
            Kicked("z", from: "h1", hop: 2, at: t.AddMilliseconds(10));
        }

        var edges = _tracker.Snapshot();

        var xh1 = edges[new EdgeKey("x", "h1")];
        Assert.Equal((5L, 3L, 3L, 3L, 3L, 15L), (xh1.Count, xh1.P50Ms, xh1.P90Ms, xh1.P99Ms, xh1.MaxMs, xh1.SumMs));
        var h1z = edges[new EdgeKey("h1", "z")];
        Assert.Equal((5L, 7L, 7L), (h1z.Count, h1z.P50Ms, h1z.MaxMs));
        Assert.Equal(2, edges.Count);
    }

    [Fact]
    public void Snapshot_Buckets_AreCumulativeUpToTheFirstThatHoldsEveryPair()
    {
        foreach (var delay in new[] { 0, 1, 3, 3, 40 })
        {
            var t = T0.AddSeconds(delay);
            Fired("x", 1, t);
            Kicked("h1", "x", 1, t.AddMilliseconds(delay));
        }

        var latency = _tracker.Snapshot()[new EdgeKey("x", "h1")];

        Assert.Equal(
            [new(0.5, 1), new(1, 2), new(2, 2), new(5, 4), new(10, 4), new(20, 4), new(50, 5)],
            latency.Buckets);
        Assert.Equal(5, latency.CountAtMost(5000));
        Assert.Equal((3L, 40L, 40L), (latency.P50Ms, latency.P90Ms, latency.MaxMs));
    }

    [Fact]
    public void KickedReceivedBeforeItsFiring_IsPairedAllTheSame()
    {
        Kicked("h1", from: "x", hop: 1, at: T0.AddMilliseconds(4), receivedAt: T0.AddMilliseconds(5));
        Fired("x", hop: 1, at: T0, receivedAt: T0.AddMilliseconds(30));

        var latency = _tracker.Snapshot()[new EdgeKey("x", "h1")];

        Assert.Equal((1L, 4L), (latency.Count, latency.P50Ms));
    }

    [Fact]
    public void Firings_PairedFirstInFirstOut_EachWithTheKickItCaused()
    {
        // Two firings before either kick arrives: the first kick belongs to the first firing.
        Fired("x", 1, T0);
        Fired("x", 1, T0.AddMilliseconds(100));
        Kicked("h1", "x", 1, T0.AddMilliseconds(2));
        Kicked("h1", "x", 1, T0.AddMilliseconds(105));

        var latency = _tracker.Snapshot()[new EdgeKey("x", "h1")];

        Assert.Equal((2L, 2L, 5L), (latency.Count, latency.P50Ms, latency.MaxMs));
    }

    [Fact]
    public void OneFiring_KicksEveryConnection_EachEdgePairsItOnce()
    {
        Fired("x", 1, T0);
        Kicked("h1", "x", 1, T0.AddMilliseconds(2));
        Kicked("h2", "x", 1, T0.AddMilliseconds(6));
        Kicked("h1", "x", 1, T0.AddMilliseconds(8)); // a second kick from x that no firing of x explains (yet)

        var edges = _tracker.Snapshot();

        Assert.Equal((1L, 2L), (edges[new EdgeKey("x", "h1")].Count, edges[new EdgeKey("x", "h1")].P50Ms));
        Assert.Equal((1L, 6L), (edges[new EdgeKey("x", "h2")].Count, edges[new EdgeKey("x", "h2")].P50Ms));
    }

    [Fact]
    public void HopMismatch_IsNotPaired_UntilTheFiringWithThatHopComes()
    {
        Fired("x", hop: 1, at: T0);
        Kicked("h1", from: "x", hop: 2, at: T0.AddMilliseconds(3));

        var unpaired = _tracker.Snapshot()[new EdgeKey("x", "h1")];
        Fired("x", hop: 2, at: T0.AddMilliseconds(1));
        var paired = _tracker.Snapshot()[new EdgeKey("x", "h1")];

        Assert.Equal((0L, null, null), (unpaired.Count, unpaired.P50Ms, unpaired.MaxMs));
        Assert.Empty(unpaired.Buckets);
        Assert.Equal((1L, 2L), (paired.Count, paired.P50Ms));
    }

    [Fact]
    public void UnsynchronizedClock_PairIsCountedUnavailable_NamingTheNeuron_UntilAPairIsMeasurableAgain()
    {
        Fired("x", 1, T0);
        Kicked("h1", "x", 1, new DateTimeOffset(1970, 1, 1, 0, 0, 3, TimeSpan.Zero), receivedAt: T0.AddMilliseconds(20), unsynchronized: true);

        var unavailable = _tracker.Snapshot()[new EdgeKey("x", "h1")];

        Assert.Equal((0L, 1L, null), (unavailable.Count, unavailable.UnsynchronizedPairs, unavailable.P50Ms));
        Assert.Equal(["h1"], unavailable.Unsynchronized);

        Fired("x", 1, T0.AddSeconds(1), unsynchronized: true);
        Kicked("h1", "x", 1, T0.AddSeconds(1), unsynchronized: true);
        Assert.Equal(["h1", "x"], _tracker.Snapshot()[new EdgeKey("x", "h1")].Unsynchronized);

        Fired("x", 1, T0.AddSeconds(2));
        Kicked("h1", "x", 1, T0.AddSeconds(2).AddMilliseconds(3));
        var measured = _tracker.Snapshot()[new EdgeKey("x", "h1")];

        Assert.Equal((1L, 2L, 3L), (measured.Count, measured.UnsynchronizedPairs, measured.P50Ms));
        Assert.Empty(measured.Unsynchronized);
    }

    [Fact]
    public void KickStampedBeforeItsFiring_ClocksDisagree_CountedAndKeptOutOfTheDistribution()
    {
        Fired("x", 1, T0);
        Kicked("h1", "x", 1, T0.AddMilliseconds(-15));
        Fired("x", 1, T0.AddSeconds(1));
        Kicked("h1", "x", 1, T0.AddSeconds(1).AddMilliseconds(-4));
        Fired("x", 1, T0.AddSeconds(2));
        Kicked("h1", "x", 1, T0.AddSeconds(2).AddMilliseconds(2));

        var latency = _tracker.Snapshot()[new EdgeKey("x", "h1")];

        Assert.Equal((2L, 15L), (latency.SkewedPairs, latency.MaxSkewMs));
        Assert.Equal((1L, 2L, 2L), (latency.Count, latency.P50Ms, latency.MaxMs));
    }

    [Fact]
    public void KicksWaitingForAFiring_AreBounded_TheOldestDropped()
    {
        // 70 kicks arrive before any firing; only the newest 64 wait, so the first firing meets the 7th kick.
        for (var i = 0; i < 70; i++)
        {
            Kicked("h1", "x", 1, T0.AddMilliseconds((i * 100) + 5), receivedAt: T0.AddMilliseconds(i * 100));
        }

        for (var i = 0; i < 70; i++)
        {
            Fired("x", 1, T0.AddMilliseconds(i * 100), receivedAt: T0.AddMilliseconds(7000 + i));
        }

        var latency = _tracker.Snapshot()[new EdgeKey("x", "h1")];

        Assert.Equal(EdgeLatencyTracker.QueueLength, latency.Count);
        Assert.Equal((605L, 605L), (latency.P50Ms, latency.MaxMs));
    }

    [Fact]
    public void FiringsWaitingForAKick_AreBounded_TheOldestDropped()
    {
        for (var i = 0; i < 70; i++)
        {
            Fired("x", 1, T0.AddMilliseconds(i));
        }

        for (var i = 0; i < 70; i++)
        {
            Kicked("h1", "x", 1, T0.AddMilliseconds(1000 + i));
        }

        var latency = _tracker.Snapshot()[new EdgeKey("x", "h1")];

        // Firings 0-5 were dropped: kick i is paired with firing i + 6.
        Assert.Equal(EdgeLatencyTracker.QueueLength, latency.Count);
        Assert.Equal((994L, 994L), (latency.P50Ms, latency.MaxMs));
    }

    [Fact]
    public void EventsReceivedMoreThanTheWindowApart_AreNotPaired()
    {
        Fired("x", 1, T0, receivedAt: T0);
        Kicked("h1", "x", 1, T0.AddMilliseconds(3), receivedAt: T0 + EdgeLatencyTracker.PairingWindow + TimeSpan.FromSeconds(1));
        Kicked("h2", "x", 1, T0.AddMilliseconds(3), receivedAt: T0.AddSeconds(-11));
        Fired("x", 1, T0.AddSeconds(20), receivedAt: T0.AddSeconds(20));

        var edges = _tracker.Snapshot();

        Assert.Equal(0, edges[new EdgeKey("x", "h1")].Count);
        Assert.Equal(0, edges[new EdgeKey("x", "h2")].Count);
    }

    [Fact]
    public void RedeliveredKick_SameSeqAgain_IsPairedOnce()
    {
        Fired("x", 1, T0);
        Fired("x", 1, T0.AddMilliseconds(50));
        var kick = Event("h1", "kicked", "x", 1, T0.AddMilliseconds(2), T0.AddMilliseconds(22), unsynchronized: false);
        _tracker.Observe(kick);
        _tracker.Observe(kick);

        Assert.Equal(1, _tracker.Snapshot()[new EdgeKey("x", "h1")].Count);
    }

    [Fact]
    public void KicksFromTheButtonASensorOrOutside_HaveNoEdge()
    {
        Kicked("h1", "external", 0, T0);
        Kicked("h1", "button", 0, T0);
        Kicked("h1", "sensor:pir", 0, T0);
        Fired("h1", 1, T0);

        Assert.Empty(_tracker.Snapshot());
    }

    private void Fired(string neuron, int hop, DateTimeOffset at, DateTimeOffset? receivedAt = null, bool unsynchronized = false) =>
        _tracker.Observe(Event(neuron, "fired", "whoever", hop, at, receivedAt ?? at.AddMilliseconds(20), unsynchronized));

    private void Kicked(string neuron, string from, int hop, DateTimeOffset at, DateTimeOffset? receivedAt = null, bool unsynchronized = false) =>
        _tracker.Observe(Event(neuron, "kicked", from, hop, at, receivedAt ?? at.AddMilliseconds(20), unsynchronized));

    private IncomingEvent Event(string neuron, string type, string from, int hop, DateTimeOffset at, DateTimeOffset receivedAt, bool unsynchronized)
    {
        var seq = _seq[neuron] = _seq.GetValueOrDefault(neuron) + 1;
        // As the parser files it: an unsynchronized neuron's at is replaced by the arrival time.
        return new IncomingEvent(neuron, seq, type, from, unsynchronized ? receivedAt : at, hop, null, receivedAt, "{}") { ClockUnsynchronized = unsynchronized };
    }
}
