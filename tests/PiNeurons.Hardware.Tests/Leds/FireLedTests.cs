using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Leds;

namespace PiNeurons.Hardware.Tests.Leds;

public sealed class FireLedTests : IDisposable
{
    private const int Pin = 17;
    private readonly SimulatedGpioDriver _board = new();
    private readonly GpioController _gpio;
    private readonly FakeTimeProvider _time = new();

    public FireLedTests() => _gpio = new GpioController(_board);

    public void Dispose() => _gpio.Dispose();

    [Fact]
    public void Constructor_Always_OpensPinOff()
    {
        using var led = new FireLed(_gpio, Pin, activeLow: false, _time);

        Assert.False(led.IsOn);
        Assert.Equal(PinMode.Output, _gpio.GetPinMode(Pin));
        Assert.Equal(PinValue.Low, _board.GetOutput(Pin));
    }

    [Fact]
    public void Pulse_DurationPasses_OnThenOff()
    {
        using var led = new FireLed(_gpio, Pin, activeLow: false, _time);

        led.Pulse(TimeSpan.FromMilliseconds(200));
        Assert.True(led.IsOn);
        Assert.Equal(PinValue.High, _board.GetOutput(Pin));

        _time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.True(led.IsOn);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(led.IsOn);
        Assert.Equal(PinValue.Low, _board.GetOutput(Pin));
    }

    [Fact]
    public void Pulse_ShorterThanMinimum_StaysOnFor50Ms()
    {
        using var led = new FireLed(_gpio, Pin, activeLow: false, _time);

        led.Pulse(TimeSpan.FromMilliseconds(5));
        _time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.True(led.IsOn);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(led.IsOn);
    }

    [Fact]
    public void Pulse_DuringPulse_ExtendsToLaterEnd()
    {
        using var led = new FireLed(_gpio, Pin, activeLow: false, _time);
        var changes = 0;
        _board.OutputChanged += (_, _) => changes++;

        led.Pulse(TimeSpan.FromMilliseconds(100));
        _time.Advance(TimeSpan.FromMilliseconds(80));
        led.Pulse(TimeSpan.FromMilliseconds(100));
        _time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.True(led.IsOn);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(led.IsOn);
        Assert.Equal(2, changes);
    }

    [Fact]
    public void Pulse_ShorterPulseDuringLongOne_KeepsLongerEnd()
    {
        using var led = new FireLed(_gpio, Pin, activeLow: false, _time);

        led.Pulse(TimeSpan.FromMilliseconds(500));
        _time.Advance(TimeSpan.FromMilliseconds(10));
        led.Pulse(TimeSpan.FromMilliseconds(60));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(led.IsOn);

        _time.Advance(TimeSpan.FromMilliseconds(390));
        Assert.False(led.IsOn);
    }

    [Fact]
    public void Pulse_MaxValue_StaysOnWithoutOverflow()
    {
        using var led = new FireLed(_gpio, Pin, activeLow: false, _time);

        led.Pulse(TimeSpan.MaxValue);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.True(led.IsOn);
    }

    [Fact]
    public void Pulse_ActiveLow_DrivesLowWhileOn()
    {
        using var led = new FireLed(_gpio, Pin, activeLow: true, _time);
        Assert.Equal(PinValue.High, _board.GetOutput(Pin));

        led.Pulse(TimeSpan.FromMilliseconds(100));
        Assert.Equal(PinValue.Low, _board.GetOutput(Pin));

        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(PinValue.High, _board.GetOutput(Pin));
    }

    [Fact]
    public void Dispose_WhileOn_TurnsOffAndClosesPin()
    {
        var led = new FireLed(_gpio, Pin, activeLow: false, _time);
        led.Pulse(TimeSpan.FromSeconds(5));

        led.Dispose();

        Assert.False(led.IsOn);
        Assert.Equal(PinValue.Low, _board.ReadPin(Pin));
        Assert.False(_gpio.IsPinOpen(Pin));
        Assert.Throws<ObjectDisposedException>(() => led.Pulse(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Constructor_PinAlreadyOpen_ThrowsAndLeavesPinAlone()
    {
        _gpio.OpenPin(Pin, PinMode.Output, PinValue.High);

        var ex = Assert.Throws<InvalidOperationException>(() => new FireLed(_gpio, Pin, activeLow: false, _time));

        Assert.Contains("pin 17 is already open", ex.Message, StringComparison.Ordinal);
        Assert.Equal(PinValue.High, _board.GetOutput(Pin));
    }
}
