using System.Device.Gpio;

namespace PiNeurons.Hardware.Gpio;

/// <summary>
/// An in-memory <see cref="GpioDriver"/>: a board with <c>64</c> pins for tests, demos and machines
/// without GPIO. Hand it to <c>new GpioController(driver)</c>; drive inputs with
/// <see cref="SetInput"/> and watch outputs with <see cref="OutputChanged"/> or <see cref="ReadPin"/>.
/// </summary>
/// <remarks>
/// Thread-safe. Edge callbacks and <see cref="OutputChanged"/> run synchronously on the thread that
/// caused the change, after the driver's lock is released, so a handler may call back into the driver.
/// </remarks>
public sealed class SimulatedGpioDriver : GpioDriver
{
    private const int Pins = 64;

    private readonly Lock _gate = new();
    private readonly SimulatedPin[] _pins = [.. Enumerable.Range(0, Pins).Select(_ => new SimulatedPin())];

    /// <summary>Raised when the level of an output pin changes (for example an LED turning on).</summary>
    public event EventHandler<SimulatedPinChangedEventArgs>? OutputChanged;

    /// <summary>
    /// Drives <paramref name="value"/> onto <paramref name="pin"/> from outside, as a button or sensor would.
    /// Raises Rising/Falling callbacks when an input pin's level changes. The pin need not be open yet:
    /// the level is kept and seen once the pin is opened as an input.
    /// </summary>
    public void SetInput(int pin, PinValue value) => Change(pin, p => p.External = value);

    /// <summary>
    /// Makes every read of <paramref name="pin"/>, while it is an input, ask <paramref name="script"/>
    /// for the level the outside world drives, as a sensor answering with pulses would. The level is
    /// applied as <see cref="SetInput"/> would (edges are raised) before the read returns it.
    /// A script may call back into the driver; it runs outside the driver's lock. Null removes it.
    /// </summary>
    public void SetInputScript(int pin, Func<PinValue>? script)
    {
        lock (_gate)
        {
            PinAt(pin).Script = script;
        }
    }

    /// <summary>The level currently on <paramref name="pin"/>; for an output, what it drives.</summary>
    public PinValue GetOutput(int pin) => ReadPin(pin);

    /// <summary>The level currently on <paramref name="pin"/>, whatever its mode.</summary>
    public PinValue ReadPin(int pin)
    {
        lock (_gate)
        {
            return PinAt(pin).Level;
        }
    }

    /// <inheritdoc/>
    protected override int PinCount => Pins;

    /// <inheritdoc/>
    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            PinAt(pinNumber).IsOpen = true;
        }
    }

    /// <inheritdoc/>
    protected override void ClosePin(int pinNumber)
    {
        List<TaskCompletionSource<PinEventTypes>> orphans = [];
        Change(pinNumber, p =>
        {
            // Releasing a line hands it back to the kernel as an input, as libgpiod does.
            p.Callbacks.Clear();
            orphans.AddRange(p.Waiters.Select(w => w.Waiter));
            p.Waiters.Clear();
            p.IsOpen = false;
            p.Mode = PinMode.Input;
            p.OutputLatch = PinValue.Low;
        });
        foreach (var waiter in orphans)
        {
            waiter.TrySetCanceled();
        }
    }

    /// <inheritdoc/>
    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        EnsureSupported(mode);
        Change(pinNumber, p => p.Mode = mode);
    }

    /// <inheritdoc/>
    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        EnsureSupported(mode);
        Change(pinNumber, p =>
        {
            // Latch first, then switch: the pin never glitches to the other level.
            if (mode == PinMode.Output)
            {
                p.OutputLatch = initialValue;
            }

            p.Mode = mode;
        });
    }

    /// <inheritdoc/>
    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return PinAt(pinNumber).Mode;
        }
    }

    /// <inheritdoc/>
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => IsSupported(mode);

    // An input with a script reads the level the script says the outside world drives now (see SetInputScript).
    /// <inheritdoc/>
    protected override PinValue Read(int pinNumber)
    {
        Func<PinValue>? script;
        lock (_gate)
        {
            var p = PinAt(pinNumber);
            script = p.Mode == PinMode.Output ? null : p.Script;
        }

        if (script is null)
        {
            return ReadPin(pinNumber);
        }

        var level = script();
        SetInput(pinNumber, level);
        return level;
    }

    /// <inheritdoc/>
    protected override void Write(int pinNumber, PinValue value) => Change(pinNumber, p => p.OutputLatch = value);

    /// <inheritdoc/>
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            PinAt(pinNumber).Callbacks.Add((eventTypes, callback));
        }
    }

    /// <inheritdoc/>
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            PinAt(pinNumber).Callbacks.RemoveAll(c => c.Handler.Equals(callback));
        }
    }

    /// <inheritdoc/>
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        WaitCoreAsync(pinNumber, eventTypes, cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc/>
    protected override ValueTask<WaitForEventResult> WaitForEventAsync(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        new(WaitCoreAsync(pinNumber, eventTypes, cancellationToken));

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        List<TaskCompletionSource<PinEventTypes>> orphans = [];
        lock (_gate)
        {
            foreach (var pin in _pins)
            {
                orphans.AddRange(pin.Waiters.Select(w => w.Waiter));
                pin.Waiters.Clear();
                pin.Callbacks.Clear();
            }
        }

        foreach (var waiter in orphans)
        {
            waiter.TrySetCanceled();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Applies <paramref name="mutate"/> to a pin under the lock, then tells whoever listens when the
    /// pin's level changed. Listeners run after the lock is released so they may call back in.
    /// </summary>
    private void Change(int pin, Action<SimulatedPin> mutate)
    {
        PinEventTypes edge;
        SimulatedPinChangedEventArgs? output = null;
        List<PinChangeEventHandler> callbacks = [];
        List<TaskCompletionSource<PinEventTypes>> waiters = [];

        lock (_gate)
        {
            var p = PinAt(pin);
            var wasOutput = p.Mode == PinMode.Output;
            var before = p.Level;
            mutate(p);
            var after = p.Level;
            if (before == after)
            {
                return;
            }

            edge = after == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            if (wasOutput || p.Mode == PinMode.Output)
            {
                output = new SimulatedPinChangedEventArgs(pin, after);
            }

            // Like libgpiod, edge events exist only for input lines.
            if (p.Mode != PinMode.Output)
            {
                callbacks.AddRange(p.Callbacks.Where(c => (c.Types & edge) != 0).Select(c => c.Handler));
                waiters.AddRange(p.Waiters.Where(w => (w.Types & edge) != 0).Select(w => w.Waiter));
                p.Waiters.RemoveAll(w => (w.Types & edge) != 0);
            }
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(edge);
        }

        var args = new PinValueChangedEventArgs(edge, pin);
        foreach (var callback in callbacks)
        {
            callback(this, args);
        }

        if (output is not null)
        {
            OutputChanged?.Invoke(this, output);
        }
    }

    // The waiter is registered before the first await, so an edge raised right after the call is seen.
    private async Task<WaitForEventResult> WaitCoreAsync(int pin, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<PinEventTypes>(TaskCreationOptions.RunContinuationsAsynchronously);
        var entry = (eventTypes, waiter);
        lock (_gate)
        {
            PinAt(pin).Waiters.Add(entry);
        }

        try
        {
            var seen = await waiter.Task.WaitAsync(cancellationToken);
            return new WaitForEventResult { EventTypes = seen, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                PinAt(pin).Waiters.Remove(entry);
            }

            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
    }

    private static bool IsSupported(PinMode mode) =>
        mode is PinMode.Input or PinMode.Output or PinMode.InputPullUp or PinMode.InputPullDown;

    private static void EnsureSupported(PinMode mode)
    {
        if (!IsSupported(mode))
        {
            throw new ArgumentException($"The simulated board does not support pin mode {mode}.", nameof(mode));
        }
    }

    private SimulatedPin PinAt(int pin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pin);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pin, Pins);
        return _pins[pin];
    }
}
