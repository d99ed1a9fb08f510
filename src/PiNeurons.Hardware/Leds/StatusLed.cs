using System.Device.Gpio;
using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Leds;

/// <summary>
/// The LED that shows the node's connection: steady when connected, blinking while reconnecting, off
/// when stopped. Thread-safe; showing the state already shown changes nothing, so a blink keeps its rhythm.
/// </summary>
public sealed class StatusLed : IDisposable
{
    /// <summary>
    /// Half the blink period: 250 ms on, 250 ms off, so 2 Hz. Fast enough to read as "busy", slow
    /// enough not to be mistaken for the fire LED's flashes.
    /// </summary>
    public static readonly TimeSpan BlinkHalfPeriod = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly GpioController _gpio;
    private readonly int _pin;
    private readonly PinValue _onLevel;
    private readonly PinValue _offLevel;
    private readonly ITimer _blinkTimer;
    private ConnectionIndicator _state = ConnectionIndicator.Off;
    private bool _isOn;
    private bool _disposed;

    /// <summary>Opens <paramref name="pin"/> as an output with the LED off.</summary>
    /// <param name="gpio">The controller; owned by the caller.</param>
    /// <param name="pin">The GPIO (BCM) number the LED is wired to.</param>
    /// <param name="activeLow">True when the LED is wired from 3.3 V to the pin, so Low lights it.</param>
    /// <param name="time">The clock for the blink timer.</param>
    public StatusLed(GpioController gpio, int pin, bool activeLow, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(pin);

        _gpio = gpio;
        _pin = pin;
        _onLevel = activeLow ? PinValue.Low : PinValue.High;
        _offLevel = activeLow ? PinValue.High : PinValue.Low;
        ExclusivePin.Open(gpio, pin, PinMode.Output, _offLevel);
        _blinkTimer = time.CreateTimer(_ => OnBlink(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The GPIO (BCM) number of the LED.</summary>
    public int Pin => _pin;

    /// <summary>The state last shown; <see cref="ConnectionIndicator.Off"/> after disposal.</summary>
    public ConnectionIndicator State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>True while the LED is lit (for a blink, during its on half).</summary>
    public bool IsOn
    {
        get
        {
            lock (_gate)
            {
                return _isOn;
            }
        }
    }

    /// <summary>
    /// Shows <paramref name="state"/>. Reconnecting lights the LED at once and then toggles it every
    /// <see cref="BlinkHalfPeriod"/>. The same state again is ignored.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The LED was disposed.</exception>
    public void Show(ConnectionIndicator state)
    {
        if (!Enum.IsDefined(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown connection state.");
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (state == _state)
            {
                return;
            }

            _state = state;
            if (state == ConnectionIndicator.Reconnecting)
            {
                _blinkTimer.Change(BlinkHalfPeriod, BlinkHalfPeriod);
            }
            else
            {
                _blinkTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            Set(state != ConnectionIndicator.Off);
        }
    }

    /// <summary>Puts the LED out and releases its pin. The controller stays open.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _blinkTimer.Dispose();
            Set(false);
            _state = ConnectionIndicator.Off;
            _gpio.ClosePin(_pin);
        }
    }

    private void OnBlink()
    {
        lock (_gate)
        {
            // A tick already queued when the state changed must not toggle a steady or dark LED.
            if (!_disposed && _state == ConnectionIndicator.Reconnecting)
            {
                Set(!_isOn);
            }
        }
    }

    // Called with the lock held.
    private void Set(bool on)
    {
        if (on != _isOn)
        {
            _gpio.Write(_pin, on ? _onLevel : _offLevel);
            _isOn = on;
        }
    }
}
