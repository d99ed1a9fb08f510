using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Buttons;
using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Tests.Buttons;

/// <summary>A push button on a simulated pin with a fake clock, and everything it reports, in order:
/// <c>pressed</c>, <c>released</c> and the click type (<c>Single</c>, <c>Double</c>, <c>Long</c>).</summary>
internal sealed class ButtonRig : IDisposable
{
    public const int Pin = 5;
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(20);

    public ButtonRig() => Gpio = new GpioController(Driver);

    public SimulatedGpioDriver Driver { get; } = new();

    public GpioController Gpio { get; }

    public FakeTimeProvider Time { get; } = new();

    public List<string> Events { get; } = [];

    public PushButton Create(PullMode pull = PullMode.Up, bool? activeLow = null, TimeSpan? doubleClick = null, TimeSpan? longPress = null)
    {
        var button = new PushButton(Gpio, Pin, pull, Debounce, Time, activeLow, doubleClick, longPress);
        button.Pressed += (_, _) => Events.Add("pressed");
        button.Released += (_, _) => Events.Add("released");
        button.Clicked += (_, e) => Events.Add(e.ClickType.ToString());
        return button;
    }

    public void Dispose() => Gpio.Dispose();
}
