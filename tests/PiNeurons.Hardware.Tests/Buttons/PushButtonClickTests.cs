using System.Device.Gpio;

namespace PiNeurons.Hardware.Tests.Buttons;

public sealed class PushButtonClickTests : IDisposable
{
    private readonly ButtonRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public void Tap_WindowNotYetClosed_PressedAtOnceClickNotYet()
    {
        using var button = _rig.Create();

        Press();
        Assert.Equal(["pressed"], _rig.Events);

        _rig.Time.Advance(Ms(80));
        Release();
        _rig.Time.Advance(Ms(399));

        Assert.Equal(["pressed", "released"], _rig.Events);
    }

    [Fact]
    public void Tap_WindowCloses_SingleAfterRelease()
    {
        using var button = _rig.Create();

        Press();
        _rig.Time.Advance(Ms(80));
        Release();
        _rig.Time.Advance(Ms(400));

        Assert.Equal(["pressed", "released", "Single"], _rig.Events);
    }

    [Fact]
    public void Hold_LongPressTimePasses_LongWhileStillHeld()
    {
        using var button = _rig.Create();

        Press();
        _rig.Time.Advance(Ms(999));
        Assert.Equal(["pressed"], _rig.Events);

        _rig.Time.Advance(Ms(1));
        Assert.Equal(["pressed", "Long"], _rig.Events);
        Assert.True(button.IsPressed);

        Release();
        _rig.Time.Advance(Ms(5000));
        Assert.Equal(["pressed", "Long", "released"], _rig.Events);
    }

    [Fact]
    public void TwoTaps_SecondWithinWindow_DoubleRightAfterSecondPressed()
    {
        using var button = _rig.Create();

        Press();
        _rig.Time.Advance(Ms(80));
        Release();
        _rig.Time.Advance(Ms(150));
        Press();

        Assert.Equal(["pressed", "released", "pressed", "Double"], _rig.Events);

        _rig.Time.Advance(Ms(80));
        Release();
        _rig.Time.Advance(Ms(5000));
        Assert.Equal(["pressed", "released", "pressed", "Double", "released"], _rig.Events);
    }

    [Fact]
    public void TwoTaps_SecondAfterWindow_TwoSingles()
    {
        using var button = _rig.Create();

        Press();
        _rig.Time.Advance(Ms(80));
        Release();
        _rig.Time.Advance(Ms(500));
        Press();
        _rig.Time.Advance(Ms(80));
        Release();
        _rig.Time.Advance(Ms(400));

        Assert.Equal(["pressed", "released", "Single", "pressed", "released", "Single"], _rig.Events);
    }

    [Fact]
    public void CustomWindows_FromConstructor_AreUsed()
    {
        using var button = _rig.Create(doubleClick: Ms(100), longPress: Ms(300));

        Press();
        _rig.Time.Advance(Ms(300));
        Release();
        _rig.Time.Advance(Ms(40));
        Press();
        _rig.Time.Advance(Ms(40));
        Release();
        _rig.Time.Advance(Ms(100));

        Assert.Equal(["pressed", "Long", "released", "pressed", "released", "Single"], _rig.Events);
    }

    [Fact]
    public void Dispose_ClickPending_NoClickLater()
    {
        var button = _rig.Create();
        Press();
        _rig.Time.Advance(Ms(80));
        Release();

        button.Dispose();
        _rig.Time.Advance(Ms(5000));

        Assert.Equal(["pressed", "released"], _rig.Events);
    }

    [Fact]
    public void HeldAtStart_Released_NoClick()
    {
        _rig.Driver.SetInput(ButtonRig.Pin, PinValue.Low);
        using var button = _rig.Create();

        Release();
        _rig.Time.Advance(Ms(5000));

        Assert.Equal(["released"], _rig.Events);
    }

    private void Press() => _rig.Driver.SetInput(ButtonRig.Pin, PinValue.Low);

    private void Release() => _rig.Driver.SetInput(ButtonRig.Pin, PinValue.High);

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
