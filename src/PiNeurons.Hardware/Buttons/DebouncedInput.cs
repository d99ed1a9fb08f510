using System.Device.Gpio;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Buttons;

/// <summary>
/// One input pin fed through a <see cref="Debouncer"/>: turns the pin's Rising/Falling callbacks into
/// debounced active/inactive changes. Shared by buttons and digital sensors.
/// </summary>
internal sealed class DebouncedInput : IDisposable
{
    private readonly Lock _gate = new();
    private readonly GpioController _gpio;
    private readonly int _pin;
    private readonly bool _activeLow;
    private readonly Debouncer _debouncer;
    private bool _disposed;

    public DebouncedInput(GpioController gpio, int pin, PullMode pull, bool activeLow, TimeSpan debounce, TimeProvider time, Action<bool> stableChanged)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentOutOfRangeException.ThrowIfNegative(pin);

        _gpio = gpio;
        _pin = pin;
        _activeLow = activeLow;
        var mode = ModeFor(pull);
        ExclusivePin.Open(gpio, pin, mode);
        try
        {
            _debouncer = new Debouncer(debounce, time, ReadActive(), stableChanged, ReadActiveUnlessDisposed);
        }
        catch
        {
            // A bad debounce must not leave the pin claimed for the next attempt.
            gpio.ClosePin(pin);
            throw;
        }

        gpio.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, OnEdge);
    }

    public int Pin => _pin;

    public bool IsActive => _debouncer.IsActive;

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            // Under the gate, so a lockout that is reading the pin finishes before the pin closes.
            _disposed = true;
        }

        _debouncer.Dispose();
        _gpio.UnregisterCallbackForPinValueChangedEvent(_pin, OnEdge);
        _gpio.ClosePin(_pin);
    }

    internal static PinMode ModeFor(PullMode pull) => pull switch
    {
        PullMode.Up => PinMode.InputPullUp,
        PullMode.Down => PinMode.InputPullDown,
        PullMode.None => PinMode.Input,
        _ => throw new ArgumentOutOfRangeException(nameof(pull), pull, "Unknown pull."),
    };

    // The edge says which level the pin went to; reading the pin here instead could already see the next bounce.
    private void OnEdge(object sender, PinValueChangedEventArgs e) =>
        _debouncer.OnRawChanged(((e.ChangeType & PinEventTypes.Rising) != 0) != _activeLow);

    private bool ReadActive() => (_gpio.Read(_pin) == PinValue.High) != _activeLow;

    private bool ReadActiveUnlessDisposed()
    {
        lock (_gate)
        {
            return _disposed ? _debouncer.IsActive : ReadActive();
        }
    }
}
