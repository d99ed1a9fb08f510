namespace PiNeurons.Hardware.Buttons;

/// <summary>
/// Turns debounced press and release times into <see cref="ClickType"/>s, with no GPIO, timer or clock
/// in it: the caller feeds times on its own monotonic clock and calls <see cref="DeadlinePassed"/> once
/// the returned deadline has come. Not thread-safe; the caller serialises calls.
/// </summary>
/// <remarks>
/// <para>Rules (all bounds in the caller's time):</para>
/// <list type="bullet">
/// <item><see cref="ClickType.Long"/>: held for at least the long-press time. Decided as soon as that
/// time has passed, while still held, so the user sees the effect without letting go; its release then
/// decides nothing.</item>
/// <item><see cref="ClickType.Double"/>: a second press that starts less than the double-click window
/// after the first release. Decided on that second press; its release (however long it is held)
/// decides nothing.</item>
/// <item><see cref="ClickType.Single"/>: released before the long-press time, and the double-click
/// window after the release passed with no second press.</item>
/// </list>
/// <para>Both windows are half-open: a hold of exactly the long-press time is long, a second press at
/// exactly the end of the double-click window is a new click. A late deadline call is harmless: a press
/// after the window first settles the pending <see cref="ClickType.Single"/>, and a release after the
/// long-press time still counts as <see cref="ClickType.Long"/>.</para>
/// </remarks>
public sealed class ClickClassifier
{
    private readonly TimeSpan _doubleClickWindow;
    private readonly TimeSpan _longPress;
    private Phase _phase = Phase.Idle;
    private TimeSpan _since;

    /// <summary>Creates a classifier with the given windows.</summary>
    /// <param name="doubleClickWindow">How long after a release a second press still makes a double click.</param>
    /// <param name="longPress">How long a press must be held to be a long press.</param>
    public ClickClassifier(TimeSpan doubleClickWindow, TimeSpan longPress)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(doubleClickWindow, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(longPress, TimeSpan.Zero);
        _doubleClickWindow = doubleClickWindow;
        _longPress = longPress;
    }

    private enum Phase
    {
        Idle,
        FirstHeld,
        AwaitingSecond,
        HeldAfterDecision,
    }

    /// <summary>When <see cref="DeadlinePassed"/> is next needed, or null when nothing is pending.</summary>
    public TimeSpan? Deadline => _phase switch
    {
        Phase.FirstHeld => _since + _longPress,
        Phase.AwaitingSecond => _since + _doubleClickWindow,
        _ => null,
    };

    /// <summary>The button went down at <paramref name="at"/>.</summary>
    /// <returns>A <see cref="ClickType.Double"/>, or a <see cref="ClickType.Single"/> that a late deadline left pending; else no click.</returns>
    public ClickDecision Press(TimeSpan at)
    {
        ClickType? click = null;
        switch (_phase)
        {
            case Phase.AwaitingSecond when at - _since < _doubleClickWindow:
                _phase = Phase.HeldAfterDecision;
                return new ClickDecision(ClickType.Double, null);
            case Phase.AwaitingSecond:
                click = ClickType.Single;
                break;
            case Phase.FirstHeld or Phase.HeldAfterDecision:
                // A second press without a release means an edge was lost; the press in progress stands.
                return new ClickDecision(null, Deadline);
        }

        _phase = Phase.FirstHeld;
        _since = at;
        return new ClickDecision(click, Deadline);
    }

    /// <summary>The button came up at <paramref name="at"/>.</summary>
    /// <returns>A <see cref="ClickType.Long"/> if its deadline was missed; else no click.</returns>
    public ClickDecision Release(TimeSpan at)
    {
        switch (_phase)
        {
            case Phase.FirstHeld when at - _since >= _longPress:
                _phase = Phase.Idle;
                return new ClickDecision(ClickType.Long, null);
            case Phase.FirstHeld:
                _phase = Phase.AwaitingSecond;
                _since = at;
                return new ClickDecision(null, Deadline);
            case Phase.HeldAfterDecision:
                _phase = Phase.Idle;
                return new ClickDecision(null, null);
            default:
                // A release with no press seen (the button was held at start-up): nothing to classify.
                return new ClickDecision(null, Deadline);
        }
    }

    /// <summary>
    /// The caller's timer for <see cref="Deadline"/> fired at <paramref name="at"/>. An early call
    /// (timers may fire a little early or for a deadline since replaced) decides nothing.
    /// </summary>
    public ClickDecision DeadlinePassed(TimeSpan at)
    {
        if (Deadline is not { } due || at < due)
        {
            return new ClickDecision(null, Deadline);
        }

        if (_phase == Phase.FirstHeld)
        {
            _phase = Phase.HeldAfterDecision;
            return new ClickDecision(ClickType.Long, null);
        }

        _phase = Phase.Idle;
        return new ClickDecision(ClickType.Single, null);
    }
}
