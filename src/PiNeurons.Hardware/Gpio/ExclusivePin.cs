using System.Device.Gpio;

namespace PiNeurons.Hardware.Gpio;

/// <summary>Opens a pin for one part only.</summary>
internal static class ExclusivePin
{
    /// <summary>
    /// Opens <paramref name="pin"/> in <paramref name="mode"/>, refusing a pin that is already open.
    /// GpioController 4.x hands back an already open pin silently, so two parts on one pin would both
    /// drive it and the first to be disposed would close it under the other.
    /// </summary>
    public static void Open(GpioController gpio, int pin, PinMode mode, PinValue? initialValue = null)
    {
        ThrowIfOpen(gpio, pin);
        if (initialValue is { } value)
        {
            gpio.OpenPin(pin, mode, value);
        }
        else
        {
            gpio.OpenPin(pin, mode);
        }
    }

    /// <summary>Refuses a pin some other part already holds open.</summary>
    public static void ThrowIfOpen(GpioController gpio, int pin)
    {
        if (gpio.IsPinOpen(pin))
        {
            throw new InvalidOperationException($"pin {pin} is already open; each pin can serve only one part.");
        }
    }
}
