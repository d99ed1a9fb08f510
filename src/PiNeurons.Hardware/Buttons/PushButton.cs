using System.Device.Gpio;
using PiNeurons.Core.Manifest;

namespace PiNeurons.Hardware.Buttons;

/// <summary>
/// A debounced push button on one GPIO pin. <see cref="Pressed"/> is raised on the press edge itself
/// (leading-edge debounce, see <see cref="Debouncer"/>), so a press kicks without delay; what kind of
/// click it was follows later in <see cref="Clicked"/> (see <see cref="ClickClassifier"/>).
/// </summary>
/// <remarks>Events arrive on the GPIO driver's callback thread or on a timer thread.</remarks>
public sealed class PushButton : IDisposable
{
    /// <summary>The default double-click window: a second press within 400 ms of a release.</summary>
    public static readonly TimeSpan DefaultDoubleClickWindow = TimeSpan.FromMilliseconds(400);

    /// <summary>The default long-press time: held for one second.</summary>
    public static readonly TimeSpan DefaultLongPress = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly ClickClassifier _clicks;
    private readonly ITimer _clickTimer;
    private readonly DebouncedInput _input;
    private bool _disposed;

    /// <summary>Opens <paramref name="pin"/> as an input with the given pull and starts watching it.</summary>
    /// <param name="gpio">The controller; owned by the caller.</param>
    /// <param name="pin">The GPIO (BCM) number the button is wired to.</param>
    /// <param name="pull">
    /// <see cref="PullMode.Up"/>: button to GND, pressed = Low. <see cref="PullMode.Down"/>: button to
    /// 3.3 V, pressed = High. <see cref="PullMode.None"/>: external resistor, pressed = High.
    /// </param>
    /// <param name="debounce">How long contact bounce is ignored after a reported change (20 ms suits most tact switches).</param>
    /// <param name="time">The clock for the debounce and click timers.</param>
    /// <param name="activeLow">Overrides which level means pressed; by default Low for <see cref="PullMode.Up"/>, else High.</param>
    /// <param name="doubleClickWindow">How soon after a release a second press makes a double click; default <see cref="DefaultDoubleClickWindow"/>.</param>
    /// <param name="longPress">How long a hold makes a long press; default <see cref="DefaultLongPress"/>.</param>
    public PushButton(
        GpioController gpio,
        int pin,
        PullMode pull,
        TimeSpan debounce,
        TimeProvider time,
        bool? activeLow = null,
        TimeSpan? doubleClickWindow = null,
        TimeSpan? longPress = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _origin = time.GetTimestamp();
        _clicks = new ClickClassifier(doubleClickWindow ?? DefaultDoubleClickWindow, longPress ?? DefaultLongPress);
        _clickTimer = time.CreateTimer(_ => OnClickDeadline(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        try
        {
            _input = new DebouncedInput(gpio, pin, pull, activeLow ?? pull == PullMode.Up, debounce, time, OnStableChanged);
        }
        catch
        {
            _clickTimer.Dispose();
            throw;
        }
    }

    /// <summary>Raised once per debounced press, on the press edge itself.</summary>
    public event EventHandler? Pressed;

    /// <summary>Raised once per debounced release.</summary>
    public event EventHandler? Released;

    /// <summary>
    /// Raised once a click type is decided: a long press while still held, a double click on the second
    /// press (after its <see cref="Pressed"/>), a single click once the double-click window has closed.
    /// </summary>
    public event EventHandler<ButtonClickedEventArgs>? Clicked;

    /// <summary>The GPIO (BCM) number of the button.</summary>
    public int Pin => _input.Pin;

    /// <summary>True while the button is (debounced) held down.</summary>
    public bool IsPressed => _input.IsActive;

    /// <summary>Stops watching and releases the pin; a click not yet decided is dropped. The controller stays open.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _clickTimer.Dispose();
        }

        _input.Dispose();
    }

    private void OnStableChanged(bool pressed)
    {
        // The kick goes first: classifying the click must never delay it.
        (pressed ? Pressed : Released)?.Invoke(this, EventArgs.Empty);
        Decide(now => pressed ? _clicks.Press(now) : _clicks.Release(now));
    }

    private void OnClickDeadline() => Decide(_clicks.DeadlinePassed);

    private void Decide(Func<TimeSpan, ClickDecision> step)
    {
        ClickDecision decision;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = _time.GetElapsedTime(_origin);
            decision = step(now);
            _clickTimer.Change(decision.Deadline is { } due ? Max(due - now, TimeSpan.Zero) : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        if (decision.Click is { } click)
        {
            Clicked?.Invoke(this, new ButtonClickedEventArgs(click));
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
