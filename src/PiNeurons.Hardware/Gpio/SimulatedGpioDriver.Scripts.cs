using System.Device.Gpio;

namespace PiNeurons.Hardware.Gpio;

/// <summary>Input lines whose level is decided at each read, for devices that answer with a waveform.</summary>
public sealed partial class SimulatedGpioDriver
{
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

    private PinValue ReadScripted(int pin)
    {
        Func<PinValue>? script;
        lock (_gate)
        {
            var p = PinAt(pin);
            script = p.Mode == PinMode.Output ? null : p.Script;
        }

        if (script is null)
        {
            return ReadPin(pin);
        }

        var level = script();
        SetInput(pin, level);
        return level;
    }
}
