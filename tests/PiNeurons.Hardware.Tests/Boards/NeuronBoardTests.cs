using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Boards;
using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Tests.Boards;

public sealed class NeuronBoardTests : IDisposable
{
    private const int LedPin = 17;
    private const int ButtonPin = 27;
    private const int PirPin = 22;
    private static readonly BoardSpec FullSpec = new(
        new LedSpec(LedPin),
        new ButtonSpec(ButtonPin),
        [new DigitalSensorSpec("pir", PirPin)]);

    private readonly SimulatedGpioDriver _board = new();
    private readonly GpioController _gpio;
    private readonly FakeTimeProvider _time = new();

    public NeuronBoardTests() => _gpio = new GpioController(_board);

    public void Dispose() => _gpio.Dispose();

    [Fact]
    public void Kick_ButtonPressed_SourceIsButton()
    {
        using var board = NeuronBoard.Create(_gpio, FullSpec, _time);
        var sources = CollectKicks(board);

        _board.SetInput(ButtonPin, PinValue.Low);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        _board.SetInput(ButtonPin, PinValue.High);

        Assert.Equal(["button"], sources);
    }

    [Fact]
    public void Kick_PirRises_SourceIsSensorName()
    {
        using var board = NeuronBoard.Create(_gpio, FullSpec, _time);
        var sources = CollectKicks(board);

        _board.SetInput(PirPin, PinValue.High);

        Assert.Equal(["sensor:pir"], sources);
    }

    [Fact]
    public void ShowFiring_WithLed_PulsesLed()
    {
        using var board = NeuronBoard.Create(_gpio, FullSpec, _time);

        board.ShowFiring(TimeSpan.FromMilliseconds(100));
        Assert.Equal(PinValue.High, _board.GetOutput(LedPin));

        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(PinValue.Low, _board.GetOutput(LedPin));
    }

    [Fact]
    public void ShowFiring_NoLed_DoesNothing()
    {
        using var board = NeuronBoard.Create(_gpio, BoardSpec.Empty, _time);

        board.ShowFiring(TimeSpan.FromMilliseconds(100));

        Assert.False(board.HasLed);
        AssertNoPinOpen();
    }

    [Fact]
    public void Create_DuplicatePin_ThrowsNamingBothParts()
    {
        var spec = new BoardSpec(new LedSpec(17), new ButtonSpec(17), []);

        var ex = Assert.Throws<ArgumentException>(() => NeuronBoard.Create(_gpio, spec, _time));

        Assert.Contains("pin 17 is used by both led and button", ex.Message, StringComparison.Ordinal);
        AssertNoPinOpen();
    }

    [Fact]
    public void Create_SensorOnButtonPin_ThrowsNamingSensor()
    {
        var spec = new BoardSpec(null, new ButtonSpec(5), [new DigitalSensorSpec("pir", 5)]);

        var ex = Assert.Throws<ArgumentException>(() => NeuronBoard.Create(_gpio, spec, _time));

        Assert.Contains("pin 5 is used by both button and sensor:pir", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 5, 6, "Led.Pin")]
    [InlineData(4, -2, 6, "Button.Pin")]
    [InlineData(4, 5, -3, "Sensors[0].Pin")]
    public void Create_NegativePin_ThrowsNamingField(int led, int button, int sensor, string field)
    {
        var spec = new BoardSpec(new LedSpec(led), new ButtonSpec(button), [new DigitalSensorSpec("pir", sensor)]);

        var ex = Assert.Throws<ArgumentException>(() => NeuronBoard.Create(_gpio, spec, _time));

        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DuplicateSensorName_Throws()
    {
        var spec = new BoardSpec(null, null, [new DigitalSensorSpec("pir", 5), new DigitalSensorSpec("pir", 6)]);

        var ex = Assert.Throws<ArgumentException>(() => NeuronBoard.Create(_gpio, spec, _time));

        Assert.Contains("Sensors[1].Name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PartFailsToOpen_ReleasesEarlierPins()
    {
        _gpio.OpenPin(PirPin, PinMode.Input);

        Assert.Throws<InvalidOperationException>(() => NeuronBoard.Create(_gpio, FullSpec, _time));

        Assert.False(_gpio.IsPinOpen(LedPin));
        Assert.False(_gpio.IsPinOpen(ButtonPin));
    }

    [Fact]
    public void Dispose_Always_ReleasesPinsLedOffControllerOpen()
    {
        var board = NeuronBoard.Create(_gpio, FullSpec with { Button = new ButtonSpec(ButtonPin, PullMode.Down) }, _time);
        board.ShowFiring(TimeSpan.FromSeconds(10));

        board.Dispose();
        board.ShowFiring(TimeSpan.FromSeconds(10));

        AssertNoPinOpen();
        Assert.Equal(PinValue.Low, _board.ReadPin(LedPin));
        _gpio.OpenPin(LedPin, PinMode.Output);
    }

    [Fact]
    public void Create_FallingSensor_KicksOnFallingEdgeOnly()
    {
        var spec = new BoardSpec(null, null, [new DigitalSensorSpec("door", 6, PullMode.Up, EdgeKind.Falling)]);
        using var board = NeuronBoard.Create(_gpio, spec, _time);
        var sources = CollectKicks(board);

        _board.SetInput(6, PinValue.Low);
        _time.Advance(TimeSpan.FromSeconds(1));
        _board.SetInput(6, PinValue.High);

        Assert.Equal(["sensor:door"], sources);
        Assert.Equal(["door"], board.SensorNames);
    }

    private void AssertNoPinOpen() =>
        Assert.DoesNotContain(Enumerable.Range(0, _gpio.PinCount), _gpio.IsPinOpen);

    private static List<string> CollectKicks(NeuronBoard board)
    {
        var sources = new List<string>();
        board.Kick += (_, e) => sources.Add(e.Source);
        return sources;
    }
}
