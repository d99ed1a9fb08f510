using System.Device.Gpio;
using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Tests.Gpio;

public sealed class SimulatedGpioDriverTests : IDisposable
{
    private readonly SimulatedGpioDriver _driver = new();
    private readonly GpioController _gpio;

    public SimulatedGpioDriverTests() => _gpio = new GpioController(_driver);

    public void Dispose() => _gpio.Dispose();

    [Fact]
    public void Write_OutputPin_ReadsBackAndShowsOnPin()
    {
        _gpio.OpenPin(17, PinMode.Output);

        _gpio.Write(17, PinValue.High);

        Assert.Equal(PinValue.High, _gpio.Read(17));
        Assert.Equal(PinValue.High, _driver.GetOutput(17));
    }

    [Fact]
    public void OpenPin_InputPullUp_ReadsHighUntilDriven()
    {
        _gpio.OpenPin(5, PinMode.InputPullUp);
        Assert.Equal(PinValue.High, _gpio.Read(5));

        _driver.SetInput(5, PinValue.Low);

        Assert.Equal(PinValue.Low, _gpio.Read(5));
    }

    [Fact]
    public void OpenPin_InputPullDown_ReadsLowUntilDriven()
    {
        _gpio.OpenPin(6, PinMode.InputPullDown);
        Assert.Equal(PinValue.Low, _gpio.Read(6));

        _driver.SetInput(6, PinValue.High);

        Assert.Equal(PinValue.High, _driver.ReadPin(6));
    }

    [Fact]
    public void SetInput_LevelChanges_RaisesMatchingEdgesOnly()
    {
        _gpio.OpenPin(22, PinMode.InputPullDown);
        var edges = new List<PinEventTypes>();
        _gpio.RegisterCallbackForPinValueChangedEvent(22, PinEventTypes.Rising | PinEventTypes.Falling, (_, e) => edges.Add(e.ChangeType));

        _driver.SetInput(22, PinValue.High);
        _driver.SetInput(22, PinValue.High);
        _driver.SetInput(22, PinValue.Low);

        Assert.Equal([PinEventTypes.Rising, PinEventTypes.Falling], edges);
    }

    [Fact]
    public void SetInput_RisingOnlyCallback_IgnoresFallingEdge()
    {
        _gpio.OpenPin(22, PinMode.Input);
        var edges = new List<PinEventTypes>();
        _gpio.RegisterCallbackForPinValueChangedEvent(22, PinEventTypes.Rising, (_, e) => edges.Add(e.ChangeType));

        _driver.SetInput(22, PinValue.High);
        _driver.SetInput(22, PinValue.Low);

        Assert.Equal([PinEventTypes.Rising], edges);
    }

    [Fact]
    public void UnregisterCallback_ThenSetInput_NoLongerCalled()
    {
        _gpio.OpenPin(22, PinMode.Input);
        var calls = 0;
        PinChangeEventHandler handler = (_, _) => calls++;
        _gpio.RegisterCallbackForPinValueChangedEvent(22, PinEventTypes.Rising, handler);

        _gpio.UnregisterCallbackForPinValueChangedEvent(22, handler);
        _driver.SetInput(22, PinValue.High);

        Assert.Equal(0, calls);
    }

    [Fact]
    public void Write_LevelChanges_RaisesOutputChangedOncePerChange()
    {
        _gpio.OpenPin(17, PinMode.Output, PinValue.Low);
        var seen = new List<(int, PinValue)>();
        _driver.OutputChanged += (_, e) => seen.Add((e.Pin, e.Value));

        _gpio.Write(17, PinValue.High);
        _gpio.Write(17, PinValue.High);
        _gpio.Write(17, PinValue.Low);

        Assert.Equal([(17, PinValue.High), (17, PinValue.Low)], seen);
    }

    [Fact]
    public void Callback_CallsBackIntoDriver_DoesNotDeadlock()
    {
        _gpio.OpenPin(22, PinMode.Input);
        _gpio.OpenPin(17, PinMode.Output);
        _gpio.RegisterCallbackForPinValueChangedEvent(22, PinEventTypes.Rising, (_, _) => _gpio.Write(17, _gpio.Read(22)));

        _driver.SetInput(22, PinValue.High);

        Assert.Equal(PinValue.High, _driver.ReadPin(17));
    }

    [Fact]
    public async Task WaitForEventAsync_EdgeArrives_ReturnsEdge()
    {
        _gpio.OpenPin(22, PinMode.Input);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var wait = _gpio.WaitForEventAsync(22, PinEventTypes.Rising, timeout.Token);
        _driver.SetInput(22, PinValue.High);
        var result = await wait;

        Assert.False(result.TimedOut);
        Assert.Equal(PinEventTypes.Rising, result.EventTypes);
    }

    [Fact]
    public async Task WaitForEventAsync_Cancelled_ReportsTimedOut()
    {
        _gpio.OpenPin(22, PinMode.Input);
        using var cancel = new CancellationTokenSource();

        var wait = _gpio.WaitForEventAsync(22, PinEventTypes.Rising, cancel.Token);
        await cancel.CancelAsync();
        var result = await wait;

        Assert.True(result.TimedOut);
    }

    [Fact]
    public void IsPinModeSupported_Modes_MatchSimulatedBoard()
    {
        Assert.True(_gpio.IsPinModeSupported(4, PinMode.InputPullUp));
        Assert.True(_gpio.IsPinModeSupported(4, PinMode.InputPullDown));
        Assert.Equal(64, _gpio.PinCount);
    }

    [Fact]
    public void OpenPin_OutOfRange_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => _gpio.OpenPin(64, PinMode.Input));
    }
}
