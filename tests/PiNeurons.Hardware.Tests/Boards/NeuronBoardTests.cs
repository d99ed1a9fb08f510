using System.Device.Gpio;
using PiNeurons.Core.Manifest;

namespace PiNeurons.Hardware.Tests.Boards;

public sealed class NeuronBoardTests : IDisposable
{
    private readonly BoardRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public void Kick_ButtonPressed_SourceIsButton()
    {
        using var board = _rig.Create(BoardRig.Full);
        var events = BoardRig.Events(board);

        _rig.Driver.SetInput(BoardRig.ButtonPin, PinValue.Low);
        _rig.Time.Advance(TimeSpan.FromMilliseconds(100));
        _rig.Driver.SetInput(BoardRig.ButtonPin, PinValue.High);

        Assert.Equal(["kick:button"], events);
    }

    [Fact]
    public void Kick_PirRises_SourceIsSensorName()
    {
        using var board = _rig.Create(BoardRig.Full);
        var events = BoardRig.Events(board);

        _rig.Driver.SetInput(BoardRig.PirPin, PinValue.High);

        Assert.Equal(["kick:sensor:pir"], events);
    }

    [Fact]
    public void ShowFiring_WithLed_PulsesLed()
    {
        using var board = _rig.Create(BoardRig.Full);

        board.ShowFiring(TimeSpan.FromMilliseconds(100));
        Assert.Equal(PinValue.High, _rig.Driver.GetOutput(BoardRig.LedPin));

        _rig.Time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(PinValue.Low, _rig.Driver.GetOutput(BoardRig.LedPin));
    }

    [Fact]
    public void ShowFiring_NoLed_DoesNothing()
    {
        using var board = _rig.Create(BoardRig.Neuron());

        board.ShowFiring(TimeSpan.FromMilliseconds(100));

        Assert.False(board.HasLed);
        _rig.AssertNoPinOpen();
    }

    [Fact]
    public void Create_PolledSensor_LeftToThePolledSensorFactory()
    {
        var dht = new SensorEntry("damp", SensorTypes.Dht22, 5, PullMode.None, EdgeKind.Rising, 0) { Measure = "humidity" };

        using var board = _rig.Create(BoardRig.Neuron(sensors: [BoardRig.Sensor("pir", BoardRig.PirPin), dht]));

        Assert.Equal(["pir"], board.SensorNames);
        Assert.False(_rig.Gpio.IsPinOpen(5));
    }

    [Fact]
    public void Create_PartFailsToOpen_ReleasesEarlierPins()
    {
        _rig.Gpio.OpenPin(BoardRig.PirPin, PinMode.Input);

        Assert.Throws<InvalidOperationException>(() => _rig.Create(BoardRig.Full));

        Assert.False(_rig.Gpio.IsPinOpen(BoardRig.LedPin));
        Assert.False(_rig.Gpio.IsPinOpen(BoardRig.ButtonPin));
    }

    [Fact]
    public void Dispose_Always_ReleasesPinsLedOffControllerOpen()
    {
        var board = _rig.Create(BoardRig.Full with { Button = BoardRig.Button(BoardRig.ButtonPin, PullMode.Down) });
        board.ShowFiring(TimeSpan.FromSeconds(10));

        board.Dispose();
        board.ShowFiring(TimeSpan.FromSeconds(10));

        _rig.AssertNoPinOpen();
        Assert.Equal(PinValue.Low, _rig.Driver.ReadPin(BoardRig.LedPin));
        _rig.Gpio.OpenPin(BoardRig.LedPin, PinMode.Output);
    }

    [Fact]
    public void Create_FallingSensor_KicksOnFallingEdgeOnly()
    {
        using var board = _rig.Create(BoardRig.Neuron(sensors: [BoardRig.Sensor("door", 6, PullMode.Up, EdgeKind.Falling)]));
        var events = BoardRig.Events(board);

        _rig.Driver.SetInput(6, PinValue.Low);
        _rig.Time.Advance(TimeSpan.FromSeconds(1));
        _rig.Driver.SetInput(6, PinValue.High);

        Assert.Equal(["kick:sensor:door"], events);
        Assert.Equal(["door"], board.SensorNames);
    }
}
