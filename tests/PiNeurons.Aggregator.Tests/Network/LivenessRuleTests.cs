using Microsoft.Extensions.Time.Testing;
using PiNeurons.Aggregator.Network;

namespace PiNeurons.Aggregator.Tests.Network;

/// <summary>
/// docs/aggregator-api.md's liveness, at its boundaries: online while heard within 2 heartbeat intervals, stale from 2,
/// offline at exactly 3 ("missed 3 heartbeats"); a retained claim is stale until 3 intervals pass with nothing fresh.
/// </summary>
public sealed class LivenessRuleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 18, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Judge_HeardFresh_OnlineUntilTwoIntervalsStaleUntilThreeThenOfflineForMissedHeartbeats()
    {
        var signs = new LifeSigns(NeuronStatus.Online, StateSeen: true, HeartbeatSeconds: 30, _clock.GetUtcNow(), _clock.GetUtcNow());

        Assert.Equal(new Liveness("online", null), Judge(signs));
        _clock.Advance((Interval * 2) - TimeSpan.FromTicks(1));
        Assert.Equal(new Liveness("online", null), Judge(signs));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(new Liveness("stale", "missed 2 heartbeats"), Judge(signs));
        _clock.Advance(Interval - TimeSpan.FromTicks(1));
        Assert.Equal(new Liveness("stale", "missed 2 heartbeats"), Judge(signs));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(new Liveness("offline", "missed 3 heartbeats"), Judge(signs));
    }

    [Fact]
    public void Judge_OnlyARetainedOnlineClaim_StaleUntilThreeIntervalsAfterItArrivedThenOffline()
    {
        var signs = new LifeSigns(NeuronStatus.Online, StateSeen: true, HeartbeatSeconds: 30, FirstHeardAt: _clock.GetUtcNow(), LastHeardAt: null);

        Assert.Equal(new Liveness("stale", "only retained messages so far"), Judge(signs));
        _clock.Advance((Interval * 3) - TimeSpan.FromTicks(1));
        Assert.Equal(new Liveness("stale", "only retained messages so far"), Judge(signs));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(new Liveness("offline", "missed 3 heartbeats"), Judge(signs));
    }

    [Fact]
    public void Judge_OfflineStatusHeardJustNow_OfflineBecauseItSaidSo()
    {
        var signs = new LifeSigns(NeuronStatus.Offline, StateSeen: true, HeartbeatSeconds: 30, _clock.GetUtcNow(), _clock.GetUtcNow());

        Assert.Equal(new Liveness("offline", "said offline"), Judge(signs));
    }

    [Fact]
    public void Judge_StatusClearedButStateWithHeartbeatHeardFresh_Online()
    {
        var signs = new LifeSigns(NeuronStatus.Unknown, StateSeen: true, HeartbeatSeconds: 30, _clock.GetUtcNow(), _clock.GetUtcNow());

        Assert.Equal(new Liveness("online", null), Judge(signs));
    }

    [Fact]
    public void Judge_NodeOlderThanTheHeartbeatSilentForADay_OnlineAsItsStatusSays()
    {
        var signs = new LifeSigns(NeuronStatus.Online, StateSeen: true, HeartbeatSeconds: null, _clock.GetUtcNow(), LastHeardAt: null);
        _clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(new Liveness("online", "no heartbeat announced: as its status says"), Judge(signs));
    }

    [Fact]
    public void Judge_RetainedOnlineBeforeAnyState_StaleUntilSomethingFreshArrives()
    {
        var claim = new LifeSigns(NeuronStatus.Online, StateSeen: false, HeartbeatSeconds: null, _clock.GetUtcNow(), LastHeardAt: null);

        Assert.Equal(new Liveness("stale", "only retained messages so far"), Judge(claim));
        Assert.Equal(new Liveness("online", null), Judge(claim with { LastHeardAt = _clock.GetUtcNow() }));
    }

    [Fact]
    public void Judge_NoStatusAndNoHeartbeat_Unknown()
    {
        var signs = new LifeSigns(NeuronStatus.Unknown, StateSeen: false, HeartbeatSeconds: null, _clock.GetUtcNow(), _clock.GetUtcNow());

        Assert.Equal(new Liveness("unknown", null), Judge(signs));
    }

    private Liveness Judge(LifeSigns signs) => LivenessRule.Judge(signs, _clock.GetUtcNow());
}
