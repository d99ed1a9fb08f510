namespace PiNeurons.Hardware.Buttons;

/// <summary>
/// Leading-edge debounce for one contact, with no GPIO in it. The first change away from the stable
/// level is reported at once, so a press kicks without delay; raw edges are then ignored for the
/// debounce time. When that lockout ends the current raw level is read again and, if it differs from
/// the reported level, that change is reported too (and starts another lockout).
/// </summary>
/// <remarks>
/// Iot.Device.Button's <c>GpioButton</c> only starts its window at a release, so a bouncy press
/// (active, inactive, active) held down reads as released. Here a held press stays pressed, because the
/// level after the lockout is what counts. Thread-safe; <c>stableChanged</c> runs outside the lock.
/// </remarks>
public sealed class Debouncer : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _debounce;
    private readonly Func<bool>? _readRaw;
    private readonly Action<bool> _stableChanged;
    private readonly ITimer _lockoutTimer;
    private bool _stable;
    private bool _lastRaw;
    private bool _lockedOut;
    private bool _disposed;

    /// <summary>Creates a debouncer whose stable level starts at <paramref name="initiallyActive"/>.</summary>
    /// <param name="debounce">How long raw edges are ignored after a reported change; zero reports every change.</param>
    /// <param name="time">The clock for the lockout timer.</param>
    /// <param name="initiallyActive">The level the contact has now; it is not reported.</param>
    /// <param name="stableChanged">Called with the new level on every reported change.</param>
    /// <param name="readRaw">
    /// Reads the raw level when a lockout ends. When null, the last level given to
    /// <see cref="OnRawChanged"/> is used, which is right only if no edge can be lost.
    /// </param>
    public Debouncer(TimeSpan debounce, TimeProvider time, bool initiallyActive, Action<bool> stableChanged, Func<bool>? readRaw = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(debounce, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(stableChanged);

        _debounce = debounce;
        _readRaw = readRaw;
        _stableChanged = stableChanged;
        _stable = initiallyActive;
        _lastRaw = initiallyActive;
        _lockoutTimer = time.CreateTimer(_ => OnLockoutEnded(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The debounced level last reported (or the initial one).</summary>
    public bool IsActive
    {
        get
        {
            lock (_gate)
            {
                return _stable;
            }
        }
    }

    /// <summary>Feeds one raw edge: the contact now reads <paramref name="active"/>.</summary>
    public void OnRawChanged(bool active)
    {
        lock (_gate)
        {
            _lastRaw = active;
            if (_disposed || _lockedOut || active == _stable)
            {
                return;
            }

            Accept(active);
        }

        _stableChanged(active);
    }

    /// <summary>Stops the lockout timer; later edges are ignored.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _lockoutTimer.Dispose();
        }
    }

    // Called with the lock held.
    private void Accept(bool active)
    {
        _stable = active;
        if (_debounce > TimeSpan.Zero)
        {
            _lockedOut = true;
            _lockoutTimer.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnLockoutEnded()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            // Open the gate before reading, so an edge that lands during the read is handled by
            // OnRawChanged rather than swallowed by a lockout that is already over.
            _lockedOut = false;
        }

        // Read outside our lock: the read goes into the GPIO driver, which may hold its own lock
        // while it delivers edges to OnRawChanged.
        var raw = _readRaw?.Invoke();
        bool current;
        lock (_gate)
        {
            current = raw ?? _lastRaw;
            if (_disposed || _lockedOut || current == _stable)
            {
                return;
            }

            Accept(current);
        }

        _stableChanged(current);
    }
}
