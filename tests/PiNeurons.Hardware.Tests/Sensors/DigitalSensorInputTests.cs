using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Sensors;

namespace PiNeurons.Hardware.Tests.Sensors;

public sealed class DigitalSensorInputTests : IDisposable
{
    private const int Pin = 23;
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(50);
    private readonly SimulatedGpioDriver _board = new();
    private readonly GpioController _gpio;
    private readonly FakeTimeProvider _time = new();

    public DigitalSensorInputTests() => _gpio = new GpioController(_board);

    public void Dispose() => _gpio.Dispose();

    [Theory]
    [InlineData(EdgeKind.Rising, 2)]
    [InlineData(EdgeKind.Falling, 2)]
    [InlineData(EdgeKind.Both, 4)]
    public void Triggered_TwoPulses_CountsConfiguredEdges(EdgeKind edge, int expected)
    {
        using var sensor = new DigitalSensorInput(_gpio, "pir", Pin, PullMode.None, edge, Debounce, _time);
        var triggers = 0;
        sensor.Triggered += (_, _) => triggers++;

        for (var i = 0; i < 2; i++)
        {
            _board.SetInput(Pin, PinValue.High);
            _time.Advance(TimeSpan.FromSeconds(2));
            _board.SetInput(Pin, PinValue.Low);
            _time.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.Equal(expected, triggers);
    }

    [Fact]
    public void Triggered_ChatteringRise_TriggersOnce()
    {
        using var sensor = new DigitalSensorInput(_gpio, "pir", Pin, PullMode.None, EdgeKind.Rising, Debounce, _time);
        var triggers = 0;
        sensor.Triggered += (_, _) => triggers++;

        _board.SetInput(Pin, PinValue.High);
        _board.SetInput(Pin, PinValue.Low);
        _board.SetInput(Pin, PinValue.High);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, triggers);
        Assert.Equal(PinValue.High, sensor.Level);
    }

    [Fact]
    public void Constructor_PullUpFalling_OpensPullUpAndTriggersOnLow()
    {
        using var sensor = new DigitalSensorInput(_gpio, "door", Pin, PullMode.Up, EdgeKind.Falling, Debounce, _time);
        var triggers = 0;
        sensor.Triggered += (_, _) => triggers++;

        _board.SetInput(Pin, PinValue.Low);

        Assert.Equal("door", sensor.Name);
        Assert.Equal(PinMode.InputPullUp, _gpio.GetPinMode(Pin));
        Assert.Equal(1, triggers);
    }

    [Fact]
    public void Constructor_BlankName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DigitalSensorInput(_gpio, " ", Pin, PullMode.None, EdgeKind.Rising, Debounce, _time));
        Assert.False(_gpio.IsPinOpen(Pin));
    }
}
