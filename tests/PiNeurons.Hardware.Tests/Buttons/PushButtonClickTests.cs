using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Buttons;
using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Tests.Buttons;

public sealed class PushButtonClickTests : IDisposable
{
    private const int Pin = 5;
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(20);
    private readonly SimulatedGpioDriver _board = new();
    private readonly GpioController _gpio;
    private readonly FakeTimeProvider _time = new();
    private readonly List<string> _events = [];

    public PushButtonClickTests() => _gpio = new GpioController(_board);

    public void Dispose() => _gpio.Dispose();

    [Fact]
    public void Tap_WindowNotYetClosed_PressedAtOnceClickNotYet()
    {
        using var button = Create();

        Press();
        Assert.Equal(["pressed"], _events);

        _time.Advance(Ms(80));
        Release();
        _time.Advance(Ms(399));

        Assert.Equal(["pressed", "released"], _events);
    }

    [Fact]
    public void Tap_WindowCloses_SingleAfterRelease()
    {
        using var button = Create();

        Press();
        _time.Advance(Ms(80));
        Release();
        _time.Advance(Ms(400));

        Assert.Equal(["pressed", "released", "Single"], _events);
    }

    [Fact]
    public void Hold_LongPressTimePasses_LongWhileStillHeld()
    {
        using var button = Create();

        Press();
        _time.Advance(Ms(999));
        Assert.Equal(["pressed"], _events);

        _time.Advance(Ms(1));
        Assert.Equal(["pressed", "Long"], _events);
        Assert.True(button.IsPressed);

        Release();
        _time.Advance(Ms(5000));
        Assert.Equal(["pressed", "Long", "released"], _events);
    }

    [Fact]
    public void TwoTaps_SecondWithinWindow_DoubleRightAfterSecondPressed()
    {
        using var button = Create();

        Press();
        _time.Advance(Ms(80));
        Release();
        _time.Advance(Ms(150));
        Press();

        Assert.Equal(["pressed", "released", "pressed", "Double"], _events);

        _time.Advance(Ms(80));
        Release();
        _time.Advance(Ms(5000));
        Assert.Equal(["pressed", "released", "pressed", "Double", "released"], _events);
    }

    [Fact]
    public void TwoTaps_SecondAfterWindow_TwoSingles()
    {
        using var button = Create();

        Press();
        _time.Advance(Ms(80));
        Release();
        _time.Advance(Ms(500));
        Press();
        _time.Advance(Ms(80));
        Release();
        _time.Advance(Ms(400));

        Assert.Equal(["pressed", "released", "Single", "pressed", "released", "Single"], _events);
    }

    [Fact]
    public void CustomWindows_FromConstructor_AreUsed()
    {
        using var button = Create(doubleClick: Ms(100), longPress: Ms(300));

        Press();
        _time.Advance(Ms(300));
        Release();
        _time.Advance(Ms(40));
        Press();
        _time.Advance(Ms(40));
        Release();
        _time.Advance(Ms(100));

        Assert.Equal(["pressed", "Long", "released", "pressed", "released", "Single"], _events);
    }

    [Fact]
    public void Dispose_ClickPending_NoClickLater()
    {
        var button = Create();
        Press();
        _time.Advance(Ms(80));
        Release();

        button.Dispose();
        _time.Advance(Ms(5000));

        Assert.Equal(["pressed", "released"], _events);
    }

    [Fact]
    public void HeldAtStart_Released_NoClick()
    {
        _board.SetInput(Pin, PinValue.Low);
        using var button = Create();

        Release();
        _time.Advance(Ms(5000));

        Assert.Equal(["released"], _events);
    }

    private PushButton Create(TimeSpan? doubleClick = null, TimeSpan? longPress = null)
    {
        var button = new PushButton(_gpio, Pin, PullMode.Up, Debounce, _time, doubleClickWindow: doubleClick, longPress: longPress);
        button.Pressed += (_, _) => _events.Add("pressed");
        button.Released += (_, _) => _events.Add("released");
        button.Clicked += (_, e) => _events.Add(e.ClickType.ToString());
        return button;
    }

    private void Press() => _board.SetInput(Pin, PinValue.Low);

    private void Release() => _board.SetInput(Pin, PinValue.High);

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
