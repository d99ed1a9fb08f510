using System.Device.Gpio;

namespace PiNeurons.Hardware.Gpio;

/// <summary>The state of one pin of the <see cref="SimulatedGpioDriver"/>; guarded by the driver's lock.</summary>
internal sealed class SimulatedPin
{
    public bool IsOpen { get; set; }

    public PinMode Mode { get; set; } = PinMode.Input;

    /// <summary>What the pin drives when it is an output.</summary>
    public PinValue OutputLatch { get; set; } = PinValue.Low;

    /// <summary>What the outside world drives onto the pin (a button, a sensor); null when nothing does.</summary>
    public PinValue? External { get; set; }

    /// <summary>Decides the external level at each read of an input, for waveforms; null when none.</summary>
    public Func<PinValue>? Script { get; set; }

    public List<(PinEventTypes Types, PinChangeEventHandler Handler)> Callbacks { get; } = [];

    public List<(PinEventTypes Types, TaskCompletionSource<PinEventTypes> Waiter)> Waiters { get; } = [];

    /// <summary>
    /// The level a read sees. An output reads back its latch; an input reads what is driven onto it,
    /// else its pull resistor. A floating plain input reads Low here: real hardware is undefined, and
    /// a fixed answer keeps tests repeatable.
    /// </summary>
    public PinValue Level => Mode switch
    {
        PinMode.Output => OutputLatch,
        PinMode.InputPullUp => External ?? PinValue.High,
        _ => External ?? PinValue.Low,
    };
}
