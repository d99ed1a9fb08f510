using System.Device.Gpio;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Buttons;

namespace PiNeurons.Hardware.Sensors;

/// <summary>
/// A digital sensor line, such as the output of an HC-SR501 PIR motion sensor: <see cref="Triggered"/>
/// is raised once per debounced edge of the configured kind. Edges are electrical (Rising = Low to High).
/// </summary>
/// <remarks>Events arrive on the GPIO driver's callback thread or on a timer thread.</remarks>
public sealed class DigitalSensorInput : IDisposable
{
    private readonly EdgeKind _edge;
    private readonly DebouncedInput _input;

    /// <summary>Opens <paramref name="pin"/> as an input and starts watching it.</summary>
    /// <param name="gpio">The controller; owned by the caller.</param>
    /// <param name="name">The sensor's name, as used in configuration and kick sources.</param>
    /// <param name="pin">The GPIO (BCM) number of the sensor's output.</param>
    /// <param name="pull">
    /// The internal resistor; <see cref="PullMode.None"/> for a sensor with a push-pull output such as the HC-SR501.
    /// </param>
    /// <param name="edge">Which edge triggers.</param>
    /// <param name="debounce">How long chatter is ignored after a reported change.</param>
    /// <param name="time">The clock for the debounce timer.</param>
    public DigitalSensorInput(GpioController gpio, string name, int pin, PullMode pull, EdgeKind edge, TimeSpan debounce, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(edge))
        {
            throw new ArgumentOutOfRangeException(nameof(edge), edge, "Unknown sensor edge.");
        }

        Name = name;
        _edge = edge;
        _input = new DebouncedInput(gpio, pin, pull, activeLow: false, debounce, time, OnStableChanged);
    }

    /// <summary>Raised once per debounced edge of the configured kind.</summary>
    public event EventHandler? Triggered;

    /// <summary>The sensor's name.</summary>
    public string Name { get; }

    /// <summary>The GPIO (BCM) number of the sensor line.</summary>
    public int Pin => _input.Pin;

    /// <summary>The debounced level of the line.</summary>
    public PinValue Level => _input.IsActive ? PinValue.High : PinValue.Low;

    /// <summary>Stops watching and releases the pin. The controller stays open.</summary>
    public void Dispose() => _input.Dispose();

    private void OnStableChanged(bool high)
    {
        var counts = _edge switch
        {
            EdgeKind.Rising => high,
            EdgeKind.Falling => !high,
            _ => true,
        };
        if (counts)
        {
            Triggered?.Invoke(this, EventArgs.Empty);
        }
    }
}
