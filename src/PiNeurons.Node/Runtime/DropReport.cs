namespace PiNeurons.Node.Runtime;

/// <summary>
/// Decides when a neuron logs the messages its outbox refused. An overloaded neuron refuses thousands a second;
/// a line for each would flood the journal on a Pi's SD card and cost more CPU than the overload itself. So the
/// first refusal is logged at once, later ones are counted, and the count is logged with the next refusal once
/// <see cref="Interval"/> has passed.
/// </summary>
internal sealed class DropReport(TimeProvider time)
{
    /// <summary>The least time between two lines.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private long _lastLoggedAt;
    private bool _loggedOnce;
    private long _unlogged;

    /// <summary>Counts one refusal; true when it should be logged now, with the refusals it stands for and the time since
    /// the last line (zero for the first line). Not thread-safe: a neuron refuses under its runtime's lock.</summary>
    public bool Refused(out long count, out TimeSpan since)
    {
        _unlogged++;
        var now = time.GetTimestamp();
        since = _loggedOnce ? time.GetElapsedTime(_lastLoggedAt, now) : TimeSpan.Zero;
        if (_loggedOnce && since < Interval)
        {
            count = 0;
            return false;
        }

        count = _unlogged;
        _unlogged = 0;
        _lastLoggedAt = now;
        _loggedOnce = true;
        return true;
    }
}
