using System.Device.Gpio;

namespace PiNeurons.Hardware.Gpio;

/// <summary>The level on a pin of a <see cref="SimulatedGpioDriver"/> changed.</summary>
public sealed class SimulatedPinChangedEventArgs : EventArgs
{
    /// <summary>Creates the arguments for a change of <paramref name="pin"/> to <paramref name="value"/>.</summary>
    public SimulatedPinChangedEventArgs(int pin, PinValue value)
    {
        Pin = pin;
        Value = value;
    }

    /// <summary>The pin number (logical, BCM numbering on a Pi).</summary>
    public int Pin { get; }

    /// <summary>The level the pin now has.</summary>
    public PinValue Value { get; }
}
