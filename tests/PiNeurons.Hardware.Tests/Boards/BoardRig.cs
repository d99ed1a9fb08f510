using System.Device.Gpio;
using System.Device.Pwm;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;
using PiNeurons.Hardware.Boards;
using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Tests.Boards;

/// <summary>A simulated Pi for board tests: its driver, the controller on it, a fake clock, and the manifest
/// entries of a neuron to wire, with the defaults the manifest reader gives.</summary>
internal sealed class BoardRig : IDisposable
{
    public const int LedPin = 17;
    public const int ButtonPin = 27;
    public const int PirPin = 22;

    public BoardRig() => Gpio = new GpioController(Driver);

    public SimulatedGpioDriver Driver { get; } = new();

    public GpioController Gpio { get; }

    public FakeTimeProvider Time { get; } = new();

    /// <summary>An LED on <see cref="LedPin"/>, a button on <see cref="ButtonPin"/> and a PIR on <see cref="PirPin"/>.</summary>
    public static NeuronEntry Full { get; } = Neuron(new LedEntry(LedPin, false), Button(ButtonPin), [Sensor("pir", PirPin)]);

    public static NeuronEntry Neuron(LedEntry? led = null, ButtonEntry? button = null, IReadOnlyList<SensorEntry>? sensors = null) =>
        new("n", "pi", NeuronConfig.Default, led, button, sensors ?? []);

    public static ButtonEntry Button(int pin, PullMode pull = PullMode.Up) => new(pin, pull, DebounceMs: 20);

    public static SensorEntry Sensor(string name, int pin, PullMode pull = PullMode.None, EdgeKind edge = EdgeKind.Rising) =>
        new(name, SensorTypes.Digital, pin, pull, edge, DebounceMs: 50);

    public NeuronBoard Create(NeuronEntry neuron, Func<int, int, int, double, PwmChannel>? createPwmChannel = null) =>
        NeuronBoard.Create(Gpio, neuron, Time, createPwmChannel);

    /// <summary>What the board reports, in order: <c>kick:&lt;source&gt;</c> and <c>click:&lt;type&gt;</c>.</summary>
    public static List<string> Events(NeuronBoard board)
    {
        var events = new List<string>();
        board.Kick += (_, e) => events.Add($"kick:{e.Source}");
        board.ButtonClicked += (_, e) => events.Add($"click:{e.ClickType}");
        return events;
    }

    public void AssertNoPinOpen() =>
        Assert.DoesNotContain(Enumerable.Range(0, Gpio.PinCount), Gpio.IsPinOpen);

    public void Dispose() => Gpio.Dispose();
}
