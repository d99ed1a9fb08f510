using System.Globalization;

namespace PiNeurons.Node.Sensors;

/// <summary>
/// A sensor's run of failed reads: reported once per run with the same reason, again every reminder period, and
/// anew when the reason changes, so an unplugged sensor does not put an error on the events topic at every poll.
/// </summary>
internal sealed class FailureRun
{
    private string? _reason;
    private int _count;
    private DateTimeOffset _reportedAt;

    /// <summary>Counts a failed read; true when it should be reported (a new reason, or a reminder is due).</summary>
    public bool ShouldReport(string reason, DateTimeOffset now, TimeSpan reminderEvery)
    {
        _count++;
        if (_reason == reason && now - _reportedAt < reminderEvery)
        {
            return false;
        }

        _reason = reason;
        _reportedAt = now;
        return true;
    }

    /// <summary>The reason as reported, with how many reads in a row failed when more than one.</summary>
    public string Describe(string reason) => _count <= 1
        ? reason
        : string.Create(CultureInfo.InvariantCulture, $"{reason} ({_count} reads in a row failed)");

    /// <summary>A read succeeded; true when it ends a run of failures.</summary>
    public bool Ended()
    {
        var was = _count > 0;
        (_reason, _count) = (null, 0);
        return was;
    }
}
