namespace PiNeurons.Core.Model;

/// <summary>
/// Enforces <c>maxFiresPerSecond</c> over any one-second window (a sliding window, not calendar seconds),
/// remembering only the firings of the last second.
/// </summary>
internal sealed class FiringRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly Queue<DateTimeOffset> _recent = new();

    /// <summary>Admits a firing at <paramref name="now"/> unless <paramref name="maxPerSecond"/> firings
    /// already happened in the second before it; 0 means no cap.</summary>
    public bool TryAdmit(DateTimeOffset now, int maxPerSecond)
    {
        while (_recent.Count > 0 && now - _recent.Peek() >= Window)
        {
            _recent.Dequeue();
        }

        if (maxPerSecond > 0 && _recent.Count >= maxPerSecond)
        {
            return false;
        }

        if (maxPerSecond > 0)
        {
            _recent.Enqueue(now);
        }
        else
        {
            _recent.Clear();
        }

        return true;
    }
}
