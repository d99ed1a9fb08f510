using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Buttons;
using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Tests.Buttons;

public sealed class PushButtonTests : IDisposable
{
    private const int Pin = 5;
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(20);
    private readonly SimulatedGpioDriver _board = new();
    private readonly GpioController _gpio;
    private readonly FakeTimeProvider _time = new();
    private readonly List<string> _events = [];

    public PushButtonTests() => _gpio = new GpioController(_board);

    public void Dispose() => _gpio.Dispose();

    [Fact]
    public void Constructor_PullUp_OpensInputPullUpNotPressed()
    {
        using var button = Create(PullMode.Up);

        Assert.Equal(PinMode.InputPullUp, _gpio.GetPinMode(Pin));
        Assert.False(button.IsPressed);
    }

    [Fact]
    public void PullUp_PinDrivenLowThenHigh_PressedThenReleased()
    {
        using var button = Create(PullMode.Up);

        _board.SetInput(Pin, PinValue.Low);
        Assert.Equal(["pressed"], _events);
        Assert.True(button.IsPressed);

        _time.Advance(TimeSpan.FromMilliseconds(200));
        _board.SetInput(Pin, PinValue.High);

        Assert.Equal(["pressed", "released"], _events);
        Assert.False(button.IsPressed);
    }

    [Fact]
    public void PullUp_BouncyPressHeld_OnePressStaysPressedThenOneRelease()
    {
        using var button = Create(PullMode.Up);

        _board.SetInput(Pin, PinValue.Low);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        _board.SetInput(Pin, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(3));
        _board.SetInput(Pin, PinValue.Low);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["pressed"], _events);
        Assert.True(button.IsPressed);

        _board.SetInput(Pin, PinValue.High);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["pressed", "released"], _events);
    }

    [Fact]
    public void PullDown_PinDrivenHighThenLow_PressedThenReleased()
    {
        using var button = Create(PullMode.Down);
        Assert.Equal(PinMode.InputPullDown, _gpio.GetPinMode(Pin));

        _board.SetInput(Pin, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        _board.SetInput(Pin, PinValue.Low);

        Assert.Equal(["pressed", "released"], _events);
    }

    [Fact]
    public void NoPull_ActiveLowOverride_LowIsPressed()
    {
        _board.SetInput(Pin, PinValue.High);
        using var button = Create(PullMode.None, activeLow: true);
        Assert.False(button.IsPressed);

        _board.SetInput(Pin, PinValue.Low);

        Assert.True(button.IsPressed);
        Assert.Equal(["pressed"], _events);
    }

    [Fact]
    public void Dispose_Always_ClosesPinAndStopsEvents()
    {
        var button = Create(PullMode.Up);

        button.Dispose();
        _board.SetInput(Pin, PinValue.Low);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(_gpio.IsPinOpen(Pin));
        Assert.Empty(_events);
    }

    // The one test on the system clock: the release of a tap inside the lockout comes from a real timer.
    [Fact]
    public async Task SystemClock_TapShorterThanDebounce_ReleasedArrivesFromTimer()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var button = new PushButton(_gpio, Pin, PullMode.Up, Debounce, TimeProvider.System);
        button.Released += (_, _) => released.TrySetResult();

        _board.SetInput(Pin, PinValue.Low);
        _board.SetInput(Pin, PinValue.High);

        await released.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(button.IsPressed);
    }

    private PushButton Create(PullMode pull, bool? activeLow = null)
    {
        var button = new PushButton(_gpio, Pin, pull, Debounce, _time, activeLow);
        button.Pressed += (_, _) => _events.Add("pressed");
        button.Released += (_, _) => _events.Add("released");
        return button;
    }
}
