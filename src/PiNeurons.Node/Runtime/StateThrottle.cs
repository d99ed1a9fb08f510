namespace PiNeurons.Node.Runtime;

/// <summary>
/// docs/protocol.md: state is republished when output, potential or firedCount change, at most once per second,
/// so a busy neuron does not turn the broker's retained store into its hot path. Changes inside the
/// second are coalesced into one trailing publication, and a change known to come later (the output
/// falling back to 0, an input expiring) is published when it happens. Loop-thread only; the timer
/// only wakes the loop.
/// </summary>
internal sealed class StateThrottle(TimeProvider time, Action wake) : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly ITimer _timer = time.CreateTimer(_ => wake(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    private DateTimeOffset _lastPublished = DateTimeOffset.MinValue;
    private DateTimeOffset _latestChange = DateTimeOffset.MinValue;
    private DateTimeOffset? _dueAt;

    /// <summary>The state changed now, or will change at <paramref name="at"/>.</summary>
    public void MarkChanged(DateTimeOffset now, DateTimeOffset? at = null)
    {
        var change = at ?? now;
        if (change > _latestChange)
        {
            _latestChange = change;
        }

        var candidate = Max(change, _lastPublished == DateTimeOffset.MinValue ? change : _lastPublished + Interval);
        if (_dueAt is null || candidate < _dueAt)
        {
            Schedule(now, candidate);
        }
    }

    /// <summary>True when a publication is due at <paramref name="now"/>.</summary>
    public bool IsDue(DateTimeOffset now) => _dueAt is { } due && now >= due;

    /// <summary>Arms the timer again for a publication not yet due (a timer may fire a little early).</summary>
    public void Rearm(DateTimeOffset now)
    {
        if (_dueAt is { } due && now < due)
        {
            Schedule(now, due);
        }
    }

    /// <summary>Records a publication (throttled, or explicit: set, query, reconnect).</summary>
    public void Published(DateTimeOffset now)
    {
        _lastPublished = now;
        _dueAt = null;
        if (_latestChange > now)
        {
            Schedule(now, Max(_latestChange, now + Interval));
        }
        else
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Schedule(DateTimeOffset now, DateTimeOffset due)
    {
        _dueAt = due;
        var delay = due - now;
        _timer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
