using System.Diagnostics.CodeAnalysis;

namespace PiNeurons.Mqtt.Internal;

/// <summary>
/// Reconnect delays: start at the initial delay, double per failure up to the maximum, reset after
/// a successful connection. Up to 20 % jitter keeps a rack of Pis that lost the same broker from
/// reconnecting in lockstep.
/// </summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan max, Func<double>? nextUnit = null)
{
    private readonly TimeSpan _initial = initial;
    private readonly TimeSpan _max = max;
    [SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Jitter, not security.")]
    private readonly Func<double> _nextUnit = nextUnit ?? (() => Random.Shared.NextDouble());
    private TimeSpan _current = initial;

    /// <summary>The delay to wait now; the following one is twice as long (capped).</summary>
    public TimeSpan Next()
    {
        var delay = _current * (1 + (0.2 * _nextUnit()));
        var doubled = _current * 2;
        _current = doubled > _max ? _max : doubled;
        return delay > _max ? _max : delay;
    }

    /// <summary>Back to the initial delay, after a connection that came up.</summary>
    public void Reset() => _current = _initial;
}
