using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Aggregator.Network;

namespace PiNeurons.Aggregator.Tests.Network;

/// <summary>
/// The view keeps each neuron's liveness and says when it turns: by what arrives (fresh or retained) and, for silence,
/// by <see cref="NetworkView.Sweep"/> on the view's clock, here faked. A heartbeat that only confirms what is known
/// turns nothing, so the live page is not sent a message per neuron per interval.
/// </summary>
public sealed class NetworkViewLivenessTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 18, 0, 0, TimeSpan.Zero));
    private readonly List<(string Id, string Liveness, string? Reason)> _changes = [];
    private readonly NetworkView _view;

    public NetworkViewLivenessTests()
    {
        _view = new NetworkView(_clock);
        _view.Changed += (n, _) => _changes.Add((n.Id, n.Liveness.State, n.Liveness.Reason));
    }

    [Fact]
    public void Sweep_HeartbeatsStop_StaleAfterTwoIntervalsOfflineAfterThreeAndOnlineWhenOneComesAgain()
    {
        Beat("a", heartbeatSeconds: 1);
        Assert.Equal(("a", "online", (string?)null), _changes[^1]);
        _changes.Clear();

        _clock.Advance(TimeSpan.FromSeconds(2));
        _view.Sweep();
        _clock.Advance(TimeSpan.FromSeconds(1));
        _view.Sweep();
        Beat("a", heartbeatSeconds: 1);

        Assert.Equal([("a", "stale", "missed 2 heartbeats"), ("a", "offline", "missed 3 heartbeats"), ("a", "online", null)], _changes);
        Assert.Equal(_clock.GetUtcNow(), _view.Get("a")!.LastHeardAt);
    }

    [Fact]
    public void Beat_SameStatusAndStateAgain_NothingRaisedAndTheSilenceStartsOver()
    {
        Beat("a", heartbeatSeconds: 1);
        _changes.Clear();

        _clock.Advance(TimeSpan.FromSeconds(1.5));
        Beat("a", heartbeatSeconds: 1);
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        _view.Sweep();

        Assert.Empty(_changes);
        Assert.Equal("online", _view.Get("a")!.Liveness.State);
    }

    [Fact]
    public void SetStatus_RetainedOnlineClaimThenAFreshState_StaleThenOnline()
    {
        _view.SetStatus("a", "online", retained: true, _clock.GetUtcNow());
        _view.SetState("a", State(heartbeatSeconds: 30), retained: true, _clock.GetUtcNow());
        Assert.Equal(("a", "stale", "only retained messages so far"), _changes[^1]);

        _clock.Advance(TimeSpan.FromSeconds(10));
        _view.SetState("a", State(heartbeatSeconds: 30), retained: false, _clock.GetUtcNow());

        Assert.Equal(("a", "online", (string?)null), _changes[^1]);
    }

    [Fact]
    public void HeardEvent_FreshEventsBetweenBeats_KeepItOnlineWithoutRaisingAnything()
    {
        Beat("a", heartbeatSeconds: 1);
        _changes.Clear();

        for (var i = 0; i < 5; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1.5));
            _view.HeardEvent("a", retained: false, _clock.GetUtcNow());
            _view.Sweep();
        }

        Assert.Empty(_changes);
        Assert.Equal("online", _view.Get("a")!.Liveness.State);
    }

    // What a node sends each interval: online, then the same state, both fresh.
    private void Beat(string id, int heartbeatSeconds)
    {
        _view.SetStatus(id, "online", retained: false, _clock.GetUtcNow());
        _view.SetState(id, State(heartbeatSeconds), retained: false, _clock.GetUtcNow());
    }

    private static JsonElement State(int heartbeatSeconds) => JsonDocument.Parse(
        $$"""{"id":"a","output":0,"potential":0,"firedCount":0,"lastFiredAt":null,"config":{"threshold":1},"heartbeatSeconds":{{heartbeatSeconds}}}""").RootElement.Clone();
}
