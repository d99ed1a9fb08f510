using System.Device.Gpio;
using System.Device.Pwm;
using System.Device.Pwm.Drivers;
using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Leds;

/// <summary>
/// An LED whose brightness shows a neuron's potential, so a class sees it charge before it fires.
/// Driven by PWM: a hardware channel when one is named (the manifest reader checks the pin carries it; the pins
/// are in docs/outputs-wiring.md), otherwise <see cref="SoftwarePwmChannel"/> on the GPIO pin. Thread-safe.
/// </summary>
/// <remarks>
/// <para>Software PWM runs a thread that busy-waits each period (about a tenth of a core at 500 Hz on
/// the build machine, more while merely stopped), so it exists only while the brightness is strictly
/// between dark and full: at either end the pin is driven steadily and no thread runs. That thread is
/// a foreground thread, so an undisposed LED lit part-way keeps the process from exiting: dispose it.</para>
/// <para>Hardware PWM leaves the pin to the overlay: it is not opened as a GPIO, because claiming
/// the line through the GPIO driver would switch it away from its PWM function.</para>
/// </remarks>
public sealed class PotentialLed : IDisposable
{
    /// <summary>
    /// The exponent from brightness to duty: duty = brightness^2.2. An LED's light is proportional to
    /// its duty, but the eye's sense of brightness is roughly a power law of light, so with a linear duty
    /// everything above a third of the threshold looks almost equally bright. With the gamma, equal steps
    /// of potential look like equal steps of brightness (2.2 is the usual display gamma).
    /// </summary>
    public const double Gamma = 2.2;

    /// <summary>The lowest frequency accepted, in hertz.</summary>
    public const int MinimumFrequencyHz = 1;

    /// <summary>The highest frequency accepted, in hertz; well past flicker, well under what the PWM blocks do.</summary>
    public const int MaximumFrequencyHz = 100_000;

    private readonly Lock _gate = new();
    private readonly GpioController _gpio;
    private readonly int _pin;
    private readonly bool _activeLow;
    private readonly int _frequencyHz;
    private readonly PwmChannel? _hardware;
    private SoftwarePwmChannel? _software;
    private double _brightness;
    private double _lightFraction;
    private bool _disposed;

    /// <summary>Claims the LED with it dark.</summary>
    /// <param name="gpio">The controller for software PWM; owned by the caller.</param>
    /// <param name="pin">The GPIO (BCM) number the LED is wired to (through a ~330 ohm resistor).</param>
    /// <param name="activeLow">True when the LED is wired from 3.3 V to the pin: the duty is inverted.</param>
    /// <param name="frequencyHz">The PWM frequency, <see cref="MinimumFrequencyHz"/> to <see cref="MaximumFrequencyHz"/>.</param>
    /// <param name="pwmChip">The hardware PWM chip (<c>pwmchip&lt;n&gt;</c>), or null for software PWM.</param>
    /// <param name="pwmChannel">The hardware PWM channel on that chip, or null for software PWM.</param>
    /// <param name="createHardwareChannel">
    /// Opens a hardware channel from (chip, channel, frequency, duty); <see cref="PwmChannel.Create"/> when null.
    /// </param>
    /// <exception cref="ArgumentException">Only one of <paramref name="pwmChip"/> and <paramref name="pwmChannel"/> is given.</exception>
    public PotentialLed(
        GpioController gpio,
        int pin,
        bool activeLow,
        int frequencyHz,
        int? pwmChip = null,
        int? pwmChannel = null,
        Func<int, int, int, double, PwmChannel>? createHardwareChannel = null)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentOutOfRangeException.ThrowIfNegative(pin);
        ArgumentOutOfRangeException.ThrowIfLessThan(frequencyHz, MinimumFrequencyHz);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequencyHz, MaximumFrequencyHz);
        if (pwmChip.HasValue != pwmChannel.HasValue)
        {
            throw new ArgumentException("Give both the PWM chip and channel for hardware PWM, or neither for software PWM.", nameof(pwmChannel));
        }

        _gpio = gpio;
        _pin = pin;
        _activeLow = activeLow;
        _frequencyHz = frequencyHz;
        if (pwmChip is { } chip && pwmChannel is { } channel)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(chip, nameof(pwmChip));
            ArgumentOutOfRangeException.ThrowIfNegative(channel, nameof(pwmChannel));
            ExclusivePin.ThrowIfOpen(gpio, pin);
            _hardware = OpenHardware(createHardwareChannel ?? PwmChannel.Create, chip, channel, frequencyHz, PinDuty(0));
        }
        else
        {
            // Claimed with the off level first: SoftwarePwmChannel opens the pin as a plain output,
            // which would otherwise drive it Low and flash an active-low LED.
            ExclusivePin.Open(gpio, pin, PinMode.Output, OffLevel);
        }
    }

    /// <summary>The GPIO (BCM) number of the LED.</summary>
    public int Pin => _pin;

    /// <summary>True when a hardware PWM channel drives the LED, false for software PWM.</summary>
    public bool IsHardware => _hardware is not null;

    /// <summary>The brightness last shown, 0 to 1.</summary>
    public double Brightness
    {
        get
        {
            lock (_gate)
            {
                return _brightness;
            }
        }
    }

    /// <summary>True while a software PWM thread is running (brightness strictly between 0 and 1).</summary>
    internal bool IsSoftwarePwmRunning
    {
        get
        {
            lock (_gate)
            {
                return _software is not null;
            }
        }
    }

    private PinValue OnLevel => _activeLow ? PinValue.Low : PinValue.High;

    private PinValue OffLevel => _activeLow ? PinValue.High : PinValue.Low;

    /// <summary>The fraction of each period the LED is lit for <paramref name="brightness"/>, after <see cref="Gamma"/>.</summary>
    public static double LightFraction(double brightness) =>
        double.IsNaN(brightness) ? 0 : Math.Pow(Math.Clamp(brightness, 0, 1), Gamma);

    /// <summary>
    /// Shows <paramref name="brightness"/>, clamped to 0..1 (NaN counts as 0, so a bad ratio shows dark
    /// rather than throwing from the hot path).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The LED was disposed.</exception>
    public void Show(double brightness)
    {
        var clamped = double.IsNaN(brightness) ? 0 : Math.Clamp(brightness, 0, 1);
        var fraction = LightFraction(clamped);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _brightness = clamped;
            if (fraction == _lightFraction)
            {
                return;
            }

            _lightFraction = fraction;
            if (_hardware is not null)
            {
                _hardware.DutyCycle = PinDuty(fraction);
            }
            else
            {
                ShowSoftware(fraction);
            }
        }
    }

    /// <summary>Puts the LED out, stops the PWM and releases the pin. The controller stays open.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _brightness = 0;
            _lightFraction = 0;
            if (_hardware is not null)
            {
                _hardware.DutyCycle = PinDuty(0);
                _hardware.Stop();
                _hardware.Dispose();
                return;
            }

            // The PWM thread writes Low as it ends, so the off level is written after it has gone.
            StopSoftware();
            _gpio.Write(_pin, OffLevel);
            _gpio.ClosePin(_pin);
        }
    }

    // Called with the lock held.
    private void ShowSoftware(double fraction)
    {
        if (fraction is 0 or 1)
        {
            StopSoftware();
            _gpio.Write(_pin, fraction == 1 ? OnLevel : OffLevel);
            return;
        }

        if (_software is null)
        {
            _software = new SoftwarePwmChannel(_pin, _frequencyHz, PinDuty(fraction), usePrecisionTimer: false, controller: _gpio, shouldDispose: false);
            _software.Start();
        }
        else
        {
            _software.DutyCycle = PinDuty(fraction);
        }
    }

    // Called with the lock held. Joins the PWM thread, which ends within one period.
    private void StopSoftware()
    {
        if (_software is null)
        {
            return;
        }

        _software.Stop();
        _software.Dispose();
        _software = null;
    }

    private double PinDuty(double fraction) => _activeLow ? 1 - fraction : fraction;

    // On Linux PwmChannel.Create throws ArgumentException for a chip or channel sysfs does not show
    // (the overlay is missing), IOException or UnauthorizedAccessException for the files; all mean the
    // same fix, so say it.
    private static PwmChannel OpenHardware(Func<int, int, int, double, PwmChannel> create, int chip, int channel, int frequencyHz, double duty)
    {
        PwmChannel? opened = null;
        try
        {
            opened = create(chip, channel, frequencyHz, duty);
            opened.Start();
            return opened;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
        {
            opened?.Dispose();
            throw new InvalidOperationException(
                $"Could not open hardware PWM channel {channel} on pwmchip{chip}: {ex.Message} " +
                "Enable it with a PWM overlay in /boot/firmware/config.txt (for example dtoverlay=pwm-2chan) and reboot, " +
                "check ls /sys/class/pwm, or leave PwmChip and PwmChannel unset for software PWM.",
                ex);
        }
    }
}
