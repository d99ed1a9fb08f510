using System.Device.Gpio;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Buttons;

namespace PiNeurons.Hardware.Tests.Buttons;

public sealed class PushButtonTests : IDisposable
{
    private const int Pin = ButtonRig.Pin;
    private readonly ButtonRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public void Constructor_PullUp_OpensInputPullUpNotPressed()
    {
        using var button = _rig.Create(PullMode.Up);

        Assert.Equal(PinMode.InputPullUp, _rig.Gpio.GetPinMode(Pin));
        Assert.False(button.IsPressed);
    }

    [Fact]
    public void PullUp_PinDrivenLowThenHigh_PressedThenReleased()
    {
        using var button = _rig.Create(PullMode.Up);

        _rig.Driver.SetInput(Pin, PinValue.Low);
        Assert.Equal(["pressed"], _rig.Events);
        Assert.True(button.IsPressed);

        _rig.Time.Advance(TimeSpan.FromMilliseconds(200));
        _rig.Driver.SetInput(Pin, PinValue.High);

        Assert.Equal(["pressed", "released"], _rig.Events);
        Assert.False(button.IsPressed);
    }

    [Fact]
    public void PullUp_BouncyPressHeld_OnePressStaysPressedThenOneRelease()
    {
        using var button = _rig.Create(PullMode.Up);

        _rig.Driver.SetInput(Pin, PinValue.Low);
        _rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        _rig.Driver.SetInput(Pin, PinValue.High);
        _rig.Time.Advance(TimeSpan.FromMilliseconds(3));
        _rig.Driver.SetInput(Pin, PinValue.Low);
        _rig.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["pressed", "Long"], _rig.Events);
        Assert.True(button.IsPressed);

        _rig.Driver.SetInput(Pin, PinValue.High);
        _rig.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["pressed", "Long", "released"], _rig.Events);
    }

    [Fact]
    public void PullDown_PinDrivenHighThenLow_PressedThenReleased()
    {
        using var button = _rig.Create(PullMode.Down);
        Assert.Equal(PinMode.InputPullDown, _rig.Gpio.GetPinMode(Pin));

        _rig.Driver.SetInput(Pin, PinValue.High);
        _rig.Time.Advance(TimeSpan.FromMilliseconds(100));
        _rig.Driver.SetInput(Pin, PinValue.Low);

        Assert.Equal(["pressed", "released"], _rig.Events);
    }

    [Fact]
    public void NoPull_ActiveLowOverride_LowIsPressed()
    {
        _rig.Driver.SetInput(Pin, PinValue.High);
        using var button = _rig.Create(PullMode.None, activeLow: true);
        Assert.False(button.IsPressed);

        _rig.Driver.SetInput(Pin, PinValue.Low);

        Assert.True(button.IsPressed);
        Assert.Equal(["pressed"], _rig.Events);
    }

    [Fact]
    public void Dispose_Always_ClosesPinAndStopsEvents()
    {
        var button = _rig.Create(PullMode.Up);

        button.Dispose();
        _rig.Driver.SetInput(Pin, PinValue.Low);
        _rig.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(_rig.Gpio.IsPinOpen(Pin));
        Assert.Empty(_rig.Events);
    }

    // The one test on the system clock: the release of a tap inside the lockout comes from a real timer.
    [Fact]
    public async Task SystemClock_TapShorterThanDebounce_ReleasedArrivesFromTimer()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var button = new PushButton(_rig.Gpio, Pin, PullMode.Up, ButtonRig.Debounce, TimeProvider.System);
        button.Released += (_, _) => released.TrySetResult();

        _rig.Driver.SetInput(Pin, PinValue.Low);
        _rig.Driver.SetInput(Pin, PinValue.High);

        await released.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(button.IsPressed);
    }
}
