using System.Device.Gpio;
using System.Device.Pwm;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Buttons;
using PiNeurons.Hardware.Leds;
using PiNeurons.Hardware.Sensors;

namespace PiNeurons.Hardware.Boards;

/// <summary>
/// Everything physical of one neuron: its fire LED, potential LED and status LED, its kick button, its teach
/// button and its digital sensors. The board raises <see cref="Kick"/> for a press or a sensor trigger (and
/// <see cref="ButtonClicked"/> once the click type is known), <see cref="TeachClicked"/> for a click of the teach
/// button, and shows firing, potential and connection on the LEDs; what a kick or a click means is the neuron's
/// business, not the board's.
/// </summary>
public sealed class NeuronBoard : IDisposable
{
    private readonly Lock _gate = new();
    private readonly FireLed? _led;
    private readonly PotentialLed? _potentialLed;
    private readonly StatusLed? _statusLed;
    private readonly PushButton? _button;
    private readonly PushButton? _teachButton;
    private readonly IReadOnlyList<DigitalSensorInput> _sensors;
    private bool _disposed;

    private NeuronBoard(
        FireLed? led, PotentialLed? potentialLed, StatusLed? statusLed, PushButton? button, PushButton? teachButton, IReadOnlyList<DigitalSensorInput> sensors)
    {
        _led = led;
        _potentialLed = potentialLed;
        _statusLed = statusLed;
        _button = button;
        _teachButton = teachButton;
        _sensors = sensors;
        if (button is not null)
        {
            button.Pressed += (_, _) => RaiseKick(BoardKickEventArgs.ButtonSource);
            button.Clicked += (_, e) => ButtonClicked?.Invoke(this, e);
        }

        if (teachButton is not null)
        {
            // A teach waits for the click type: a long press says the opposite of a click.
            teachButton.Clicked += (_, e) => TeachClicked?.Invoke(this, e);
        }

        foreach (var sensor in sensors)
        {
            sensor.Triggered += (_, _) => RaiseKick(BoardKickEventArgs.SensorSourcePrefix + sensor.Name);
        }
    }

    /// <summary>
    /// Raised when the button is pressed (source <c>button</c>) or a sensor triggers
    /// (source <c>sensor:&lt;name&gt;</c>). Arrives on a GPIO callback or timer thread.
    /// </summary>
    public event EventHandler<BoardKickEventArgs>? Kick;

    /// <summary>
    /// Raised when the button's click type is decided, always after the press's <see cref="Kick"/>:
    /// long while still held, double on the second press, single once the double-click window closes.
    /// Arrives on a GPIO callback or timer thread.
    /// </summary>
    public event EventHandler<ButtonClickedEventArgs>? ButtonClicked;

    /// <summary>
    /// Raised when the teach button's click type is decided (long while still held, single or double after release).
    /// Arrives on a GPIO callback or timer thread.
    /// </summary>
    public event EventHandler<ButtonClickedEventArgs>? TeachClicked;

    /// <summary>True when the board has a teach button.</summary>
    public bool HasTeachButton => _teachButton is not null;

    /// <summary>True when the board has a fire LED.</summary>
    public bool HasLed => _led is not null;

    /// <summary>True when the board has a potential LED.</summary>
    public bool HasPotentialLed => _potentialLed is not null;

    /// <summary>The potential LED's brightness, 0 to 1; 0 without one.</summary>
    public double PotentialBrightness => _potentialLed?.Brightness ?? 0;

    /// <summary>True when the board has a status LED.</summary>
    public bool HasStatusLed => _statusLed is not null;

    /// <summary>True when the board has a kick button.</summary>
    public bool HasButton => _button is not null;

    /// <summary>True while the button is held down; false without a button.</summary>
    public bool IsButtonPressed => _button?.IsPressed ?? false;

    /// <summary>The names of the board's edge sensors, in manifest order.</summary>
    public IReadOnlyList<string> SensorNames => [.. _sensors.Select(s => s.Name)];

    /// <summary>The debounced level of digital sensor <paramref name="name"/> (true = high), or null for no such sensor.</summary>
    public bool? SensorLevel(string name) =>
        _sensors.FirstOrDefault(s => s.Name == name) is { } sensor ? sensor.Level == System.Device.Gpio.PinValue.High : null;

    /// <summary>Opens every part of <paramref name="neuron"/>'s hardware on <paramref name="gpio"/>: its LEDs, its
    /// button and its edge sensors (polled sensors are opened by <c>PolledSensorFactory</c>).</summary>
    /// <param name="gpio">The controller; owned by the caller and not disposed with the board.</param>
    /// <param name="neuron">What is wired where, as the manifest reader checked it (pins used once, windows in range).</param>
    /// <param name="time">The clock for LED pulses and blinks, debouncing and click windows.</param>
    /// <param name="createPwmChannel">
    /// Opens a hardware PWM channel from (chip, channel, frequency, duty) for the potential LED;
    /// <see cref="PwmChannel.Create"/> when null.
    /// </param>
    /// <exception cref="InvalidOperationException">A pin is already open, or the hardware PWM channel cannot be opened.</exception>
    public static NeuronBoard Create(
        GpioController gpio,
        NeuronEntry neuron,
        TimeProvider time,
        Func<int, int, int, double, PwmChannel>? createPwmChannel = null)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(neuron);
        ArgumentNullException.ThrowIfNull(time);

        // If a later part fails to open (a pin the driver refuses), release the ones already claimed.
        var opened = new Stack<IDisposable>();
        try
        {
            var led = neuron.Led is { } l ? Track(opened, new FireLed(gpio, l.Pin, l.ActiveLow, time)) : null;
            var potentialLed = neuron.PotentialLed is { } p
                ? Track(opened, new PotentialLed(gpio, p.Pin, p.ActiveLow, p.FrequencyHz, p.PwmChip, p.PwmChannel, createPwmChannel))
                : null;
            var statusLed = neuron.StatusLed is { } s ? Track(opened, new StatusLed(gpio, s.Pin, s.ActiveLow, time)) : null;
            var button = neuron.Button is { } b ? Track(opened, OpenButton(gpio, b, time)) : null;
            var teachButton = neuron.TeachButton is { } t ? Track(opened, OpenButton(gpio, t, time)) : null;
            var sensors = neuron.Sensors
                .Where(s => !s.IsPolled)
                .Select(s => Track(opened, new DigitalSensorInput(gpio, s.Name, s.Pin, s.Pull, s.Edge, TimeSpan.FromMilliseconds(s.DebounceMs), time)))
                .ToArray();
            return new NeuronBoard(led, potentialLed, statusLed, button, teachButton, sensors);
        }
        catch
        {
            while (opened.TryPop(out var part))
            {
                part.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Shows the neuron firing: pulses the LED for <paramref name="outputDuration"/> (at least 50 ms).
    /// Does nothing without an LED or after the board is disposed, so a late fire during shutdown is harmless.
    /// </summary>
    public void ShowFiring(TimeSpan outputDuration)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _led?.Pulse(outputDuration);
            }
        }
    }

    /// <summary>
    /// Shows the neuron's potential on the potential LED: <paramref name="brightness"/> is
    /// potential / threshold, clamped to 0..1 (NaN shows dark). Does nothing without the LED or after
    /// the board is disposed.
    /// </summary>
    public void ShowPotential(double brightness)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _potentialLed?.Show(brightness);
            }
        }
    }

    /// <summary>
    /// Shows the connection on the status LED: steady when connected, blinking while reconnecting, off.
    /// Does nothing without the LED or after the board is disposed (the LED is then off).
    /// </summary>
    public void ShowConnection(ConnectionIndicator state)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _statusLed?.Show(state);
            }
        }
    }

    /// <summary>Disposes every part (LEDs off, pins released). The controller stays open.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        foreach (var sensor in _sensors)
        {
            sensor.Dispose();
        }

        _teachButton?.Dispose();
        _button?.Dispose();
        _statusLed?.Dispose();
        _potentialLed?.Dispose();
        _led?.Dispose();
    }

    private static PushButton OpenButton(GpioController gpio, ButtonEntry entry, TimeProvider time) => new(
        gpio,
        entry.Pin,
        entry.Pull,
        TimeSpan.FromMilliseconds(entry.DebounceMs),
        time,
        doubleClickWindow: TimeSpan.FromMilliseconds(entry.DoubleClickMs),
        longPress: TimeSpan.FromMilliseconds(entry.LongPressMs));

    private static T Track<T>(Stack<IDisposable> opened, T part)
        where T : IDisposable
    {
        opened.Push(part);
        return part;
    }

    private void RaiseKick(string source) => Kick?.Invoke(this, new BoardKickEventArgs(source));
}
