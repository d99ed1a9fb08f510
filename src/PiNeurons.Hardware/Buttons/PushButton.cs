using System.Device.Gpio;

namespace PiNeurons.Hardware.Buttons;

/// <summary>
/// A debounced push button on one GPIO pin. <see cref="Pressed"/> is raised on the press edge itself
/// (leading-edge debounce, see <see cref="Debouncer"/>), so a press kicks without delay.
/// </summary>
/// <remarks>Events arrive on the GPIO driver's callback thread or on a timer thread.</remarks>
public sealed class PushButton : IDisposable
{
    private readonly DebouncedInput _input;

    /// <summary>Opens <paramref name="pin"/> as an input with the given pull and starts watching it.</summary>
    /// <param name="gpio">The controller; owned by the caller.</param>
    /// <param name="pin">The GPIO (BCM) number the button is wired to.</param>
    /// <param name="pull">
    /// <see cref="ButtonPull.Up"/>: button to GND, pressed = Low. <see cref="ButtonPull.Down"/>: button to
    /// 3.3 V, pressed = High. <see cref="ButtonPull.None"/>: external resistor, pressed = High.
    /// </param>
    /// <param name="debounce">How long contact bounce is ignored after a reported change (20 ms suits most tact switches).</param>
    /// <param name="time">The clock for the debounce timer.</param>
    /// <param name="activeLow">Overrides which level means pressed; by default Low for <see cref="ButtonPull.Up"/>, else High.</param>
    public PushButton(GpioController gpio, int pin, ButtonPull pull, TimeSpan debounce, TimeProvider time, bool? activeLow = null)
    {
        _input = new DebouncedInput(gpio, pin, pull, activeLow ?? pull == ButtonPull.Up, debounce, time, OnStableChanged);
    }

    /// <summary>Raised once per debounced press.</summary>
    public event EventHandler? Pressed;

    /// <summary>Raised once per debounced release.</summary>
    public event EventHandler? Released;

    /// <summary>The GPIO (BCM) number of the button.</summary>
    public int Pin => _input.Pin;

    /// <summary>True while the button is (debounced) held down.</summary>
    public bool IsPressed => _input.IsActive;

    /// <summary>Stops watching and releases the pin. The controller stays open.</summary>
    public void Dispose() => _input.Dispose();

    private void OnStableChanged(bool pressed) =>
        (pressed ? Pressed : Released)?.Invoke(this, EventArgs.Empty);
}
