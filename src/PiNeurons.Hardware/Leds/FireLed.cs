using System.Device.Gpio;
using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Leds;

/// <summary>
/// The LED that shows a neuron firing: <see cref="Pulse"/> lights it and a timer puts it out.
/// Thread-safe; a pulse during a pulse extends it to the later end.
/// </summary>
public sealed class FireLed : IDisposable
{
    /// <summary>The shortest pulse shown: a flash under about 50 ms is easy to miss by eye.</summary>
    public static readonly TimeSpan MinimumPulse = TimeSpan.FromMilliseconds(50);

    // Caps the arithmetic on timestamps; no neuron shows a day-long fire.
    private static readonly TimeSpan MaximumPulse = TimeSpan.FromDays(1);

    private readonly Lock _gate = new();
    private readonly GpioController _gpio;
    private readonly int _pin;
    private readonly PinValue _onLevel;
    private readonly PinValue _offLevel;
    private readonly TimeProvider _time;
    private readonly ITimer _offTimer;
    private long _offAt;
    private bool _isOn;
    private bool _disposed;

    /// <summary>Opens <paramref name="pin"/> as an output with the LED off.</summary>
    /// <param name="gpio">The controller; owned by the caller.</param>
    /// <param name="pin">The GPIO (BCM) number the LED is wired to.</param>
    /// <param name="activeLow">True when the LED is wired from 3.3 V to the pin, so Low lights it.</param>
    /// <param name="time">The clock for the pulse timer.</param>
    public FireLed(GpioController gpio, int pin, bool activeLow, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(pin);

        _gpio = gpio;
        _pin = pin;
        _time = time;
        _onLevel = activeLow ? PinValue.Low : PinValue.High;
        _offLevel = activeLow ? PinValue.High : PinValue.Low;
        ExclusivePin.Open(gpio, pin, PinMode.Output, _offLevel);
        _offTimer = time.CreateTimer(_ => OnOffTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The GPIO (BCM) number of the LED.</summary>
    public int Pin => _pin;

    /// <summary>True while the LED is lit.</summary>
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
    /// Lights the LED now and puts it out after <paramref name="duration"/>, but never sooner than
    /// <see cref="MinimumPulse"/> (nor later than a day). If a pulse is running, it ends at whichever end is later.
    /// </summary>
    public void Pulse(TimeSpan duration)
    {
        var length = TimeSpan.FromTicks(Math.Clamp(duration.Ticks, MinimumPulse.Ticks, MaximumPulse.Ticks));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetTimestamp();
            var end = now + (long)(length.TotalSeconds * _time.TimestampFrequency);
            if (_isOn && end <= _offAt)
            {
                return;
            }

            _offAt = end;
            if (!_isOn)
            {
                _gpio.Write(_pin, _onLevel);
                _isOn = true;
            }

            _offTimer.Change(length, Timeout.InfiniteTimeSpan);
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
            _offTimer.Dispose();
            _gpio.Write(_pin, _offLevel);
            _isOn = false;
            _gpio.ClosePin(_pin);
        }
    }

    private void OnOffTimer()
    {
        lock (_gate)
        {
            if (_disposed || !_isOn)
            {
                return;
            }

            // A pulse may have extended the end after this tick was already due; wait out the rest.
            var remaining = _time.GetElapsedTime(_time.GetTimestamp(), _offAt);
            if (remaining > TimeSpan.Zero)
            {
                _offTimer.Change(remaining, Timeout.InfiniteTimeSpan);
                return;
            }

            _gpio.Write(_pin, _offLevel);
            _isOn = false;
        }
    }
}
