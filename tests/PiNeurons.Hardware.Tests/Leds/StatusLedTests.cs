using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Leds;

namespace PiNeurons.Hardware.Tests.Leds;

public sealed class StatusLedTests : IDisposable
{
    private const int Pin = 23;
    private readonly SimulatedGpioDriver _board = new();
    private readonly GpioController _gpio;
    private readonly FakeTimeProvider _time = new();

    public StatusLedTests() => _gpio = new GpioController(_board);

    public void Dispose() => _gpio.Dispose();

    [Fact]
    public void Constructor_Always_OpensPinOffStateOff()
    {
        using var led = new StatusLed(_gpio, Pin, activeLow: false, _time);

        Assert.Equal(ConnectionIndicator.Off, led.State);
        Assert.Equal(PinMode.Output, _gpio.GetPinMode(Pin));
        Assert.Equal(PinValue.Low, _board.GetOutput(Pin));
    }

    [Fact]
    public void Show_Connected_SteadyOnAsTimePasses()
    {
        using var led = new StatusLed(_gpio, Pin, activeLow: false, _time);
        var changes = CountChanges();

        led.Show(ConnectionIndicator.Connected);
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(PinValue.High, _board.GetOutput(Pin));
        Assert.Equal(1, changes());
    }

    [Fact]
    public void Show_Reconnecting_OnAtOnceThenTogglesEveryQuarterSecond()
    {
        using var led = new StatusLed(_gpio, Pin, activeLow: false, _time);
        var levels = new List<PinValue>();
        _board.OutputChanged += (_, e) => levels.Add(e.Value);

        led.Show(ConnectionIndicator.Reconnecting);
        Assert.Equal(PinValue.High, _board.GetOutput(Pin));

        _time.Advance(TimeSpan.FromMilliseconds(249));
        Assert.True(led.IsOn);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(led.IsOn);

        for (var i = 0; i < 3; i++)
        {
            _time.Advance(StatusLed.BlinkHalfPeriod);
        }

        Assert.Equal([PinValue.High, PinValue.Low, PinValue.High, PinValue.Low, PinValue.High], levels);
    }

    [Fact]
    public void Show_SameStateAgain_KeepsBlinkRhythm()
    {
        using var led = new StatusLed(_gpio, Pin, activeLow: false, _time);

        led.Show(ConnectionIndicator.Reconnecting);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        led.Show(ConnectionIndicator.Reconnecting);
        _time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.False(led.IsOn);
    }

    [Fact]
    public void Show_ConnectedWhileBlinkingOff_SteadyOnAndBlinkStops()
    {
        using var led = new StatusLed(_gpio, Pin, activeLow: false, _time);
        led.Show(ConnectionIndicator.Reconnecting);
        _time.Advance(StatusLed.BlinkHalfPeriod);
        Assert.False(led.IsOn);

        led.Show(ConnectionIndicator.Connected);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(led.IsOn);
        Assert.Equal(ConnectionIndicator.Connected, led.State);
    }

    [Fact]
    public void Show_Off_LedOutAndStaysOut()
    {
        using var led = new StatusLed(_gpio, Pin, activeLow: false, _time);
        led.Show(ConnectionIndicator.Reconnecting);

        led.Show(ConnectionIndicator.Off);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(PinValue.Low, _board.GetOutput(Pin));
    }

    [Fact]
    public void Show_ActiveLow_LowLights()
    {
        using var led = new StatusLed(_gpio, Pin, activeLow: true, _time);
        Assert.Equal(PinValue.High, _board.GetOutput(Pin));

        led.Show(ConnectionIndicator.Connected);

        Assert.Equal(PinValue.Low, _board.GetOutput(Pin));
    }

    [Fact]
    public void Show_UnknownState_Throws()
    {
        using var led = new StatusLed(_gpio, Pin, activeLow: false, _time);

        Assert.Throws<ArgumentOutOfRangeException>(() => led.Show((ConnectionIndicator)42));
    }

    [Fact]
    public void Dispose_WhileBlinking_OffPinClosedNoMoreToggles()
    {
        var led = new StatusLed(_gpio, Pin, activeLow: true, _time);
        led.Show(ConnectionIndicator.Reconnecting);
        var levels = new List<PinValue>();
        _board.OutputChanged += (_, e) => levels.Add(e.Value);

        led.Dispose();
        var afterDispose = levels.Count;
        _time.Advance(TimeSpan.FromSeconds(5));

        // Off (High, active low) is driven before the pin is released back to an input.
        Assert.Equal(PinValue.High, levels[0]);
        Assert.Equal(afterDispose, levels.Count);
        Assert.Equal(ConnectionIndicator.Off, led.State);
        Assert.False(_gpio.IsPinOpen(Pin));
        Assert.Throws<ObjectDisposedException>(() => led.Show(ConnectionIndicator.Connected));
    }

    private Func<int> CountChanges()
    {
        var changes = 0;
        _board.OutputChanged += (_, _) => changes++;
        return () => changes;
    }
}
