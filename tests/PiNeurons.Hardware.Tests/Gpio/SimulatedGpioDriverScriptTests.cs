using System.Device.Gpio;
using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Tests.Gpio;

public sealed class SimulatedGpioDriverScriptTests : IDisposable
{
    private const int Pin = 7;
    private readonly SimulatedGpioDriver _driver = new();
    private readonly GpioController _gpio;

    public SimulatedGpioDriverScriptTests() => _gpio = new GpioController(_driver);

    public void Dispose() => _gpio.Dispose();

    [Fact]
    public void Read_ScriptedInput_AsksTheScriptAtEachRead()
    {
        var levels = new Queue<PinValue>([PinValue.High, PinValue.Low, PinValue.High]);
        _driver.SetInputScript(Pin, levels.Dequeue);
        _gpio.OpenPin(Pin, PinMode.Input);

        PinValue[] read = [_gpio.Read(Pin), _gpio.Read(Pin), _gpio.Read(Pin)];

        Assert.Equal([PinValue.High, PinValue.Low, PinValue.High], read);
    }

    [Fact]
    public void Read_ScriptedInput_RaisesEdgesLikeSetInput()
    {
        var level = PinValue.Low;
        _driver.SetInputScript(Pin, () => level);
        _gpio.OpenPin(Pin, PinMode.Input);
        List<PinEventTypes> edges = [];
        _gpio.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.Rising | PinEventTypes.Falling, (_, e) => edges.Add(e.ChangeType));

        _gpio.Read(Pin);
        level = PinValue.High;
        _gpio.Read(Pin);
        level = PinValue.Low;
        _gpio.Read(Pin);

        Assert.Equal([PinEventTypes.Rising, PinEventTypes.Falling], edges);
        Assert.Equal(PinValue.Low, _driver.ReadPin(Pin));
    }

    [Fact]
    public void Read_ScriptedPinAsOutput_ReadsTheLatchWithoutAskingTheScript()
    {
        var asked = 0;
        _driver.SetInputScript(Pin, () => { asked++; return PinValue.Low; });
        _gpio.OpenPin(Pin, PinMode.Output);
        _gpio.Write(Pin, PinValue.High);

        Assert.Equal(PinValue.High, _gpio.Read(Pin));
        Assert.Equal(0, asked);
    }

    [Fact]
    public void SetInputScript_Null_ReturnsToTheLastLevel()
    {
        _driver.SetInputScript(Pin, () => PinValue.High);
        _gpio.OpenPin(Pin, PinMode.Input);
        _gpio.Read(Pin);

        _driver.SetInputScript(Pin, null);
        _driver.SetInput(Pin, PinValue.Low);

        Assert.Equal(PinValue.Low, _gpio.Read(Pin));
    }
}
