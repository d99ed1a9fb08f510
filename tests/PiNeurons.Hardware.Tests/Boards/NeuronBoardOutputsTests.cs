using System.Device.Gpio;
using System.Device.Pwm;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Hardware.Boards;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Leds;
using PiNeurons.Hardware.Tests.Leds;

namespace PiNeurons.Hardware.Tests.Boards;

public sealed class NeuronBoardOutputsTests : IDisposable
{
    private const int LedPin = 17;
    private const int ButtonPin = 27;
    private const int PotentialPin = 18;
    private const int StatusPin = 23;
    private static readonly BoardSpec Spec = new(new LedSpec(LedPin), new ButtonSpec(ButtonPin), [])
    {
        PotentialLed = new PotentialLedSpec(PotentialPin, PwmChip: 0, PwmChannel: 0),
        StatusLed = new StatusLedSpec(StatusPin),
    };

    private readonly SimulatedGpioDriver _board = new();
    private readonly GpioController _gpio;
    private readonly FakeTimeProvider _time = new();
    private FakePwmChannel? _channel;

    public NeuronBoardOutputsTests() => _gpio = new GpioController(_board);

    public void Dispose() => _gpio.Dispose();

    private FakePwmChannel Channel => _channel ?? throw new InvalidOperationException("No channel was created.");

    [Fact]
    public void Create_WithOutputs_HasBothLeds()
    {
        using var board = Create(Spec);

        Assert.True(board.HasPotentialLed);
        Assert.True(board.HasStatusLed);
        Assert.Equal((0, 0, 500), (Channel.Chip, Channel.Channel, Channel.Frequency));
    }

    [Fact]
    public void ShowPotential_HardwareLed_SetsGammaCorrectedDuty()
    {
        using var board = Create(Spec);

        board.ShowPotential(0.5);

        Assert.Equal(Math.Pow(0.5, PotentialLed.Gamma), Channel.DutyCycle, 6);
    }

    [Fact]
    public void ShowPotential_SoftwareLedFull_DrivesPinOn()
    {
        using var board = Create(Spec with { PotentialLed = new PotentialLedSpec(22) });

        board.ShowPotential(1);

        Assert.Equal(PinValue.High, _board.GetOutput(22));
    }

    [Fact]
    public void ShowPotentialAndConnection_NoSuchLeds_DoNothing()
    {
        using var board = Create(BoardSpec.Empty);

        board.ShowPotential(0.7);
        board.ShowConnection(ConnectionIndicator.Reconnecting);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(board.HasPotentialLed);
        Assert.False(board.HasStatusLed);
        AssertNoPinOpen();
    }

    [Fact]
    public void ShowConnection_ReconnectingThenConnected_BlinksThenSteady()
    {
        using var board = Create(Spec);

        board.ShowConnection(ConnectionIndicator.Reconnecting);
        Assert.Equal(PinValue.High, _board.GetOutput(StatusPin));
        _time.Advance(StatusLed.BlinkHalfPeriod);
        Assert.Equal(PinValue.Low, _board.GetOutput(StatusPin));

        board.ShowConnection(ConnectionIndicator.Connected);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(PinValue.High, _board.GetOutput(StatusPin));
    }

    [Fact]
    public void ButtonClicked_Tap_KickAtOnceSingleAfterWindow()
    {
        using var board = Create(Spec);
        var events = Collect(board);

        _board.SetInput(ButtonPin, PinValue.Low);
        Assert.Equal(["kick:button"], events);

        _time.Advance(TimeSpan.FromMilliseconds(80));
        _board.SetInput(ButtonPin, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(400));

        Assert.Equal(["kick:button", "click:Single"], events);
    }

    [Fact]
    public void ButtonClicked_SpecWindows_AreUsed()
    {
        using var board = Create(Spec with { Button = new ButtonSpec(ButtonPin, DoubleClickMs: 100, LongPressMs: 300) });
        var events = Collect(board);

        _board.SetInput(ButtonPin, PinValue.Low);
        _time.Advance(TimeSpan.FromMilliseconds(300));

        Assert.Equal(["kick:button", "click:Long"], events);
    }

    [Fact]
    public void Dispose_WithOutputs_LedsOffPinsReleasedChannelStopped()
    {
        var board = Create(Spec with { PotentialLed = Spec.PotentialLed! with { Pin = 12 } });
        board.ShowPotential(1);
        board.ShowConnection(ConnectionIndicator.Connected);

        board.Dispose();
        board.ShowPotential(1);
        board.ShowConnection(ConnectionIndicator.Connected);

        AssertNoPinOpen();
        Assert.Equal(PinValue.Low, _board.ReadPin(StatusPin));
        Assert.Equal(["start", "duty 1", "duty 0", "stop", "dispose"], Channel.Calls);
    }

    [Fact]
    public void Create_PwmChannelFails_ReleasesEarlierPins()
    {
        PwmChannel Missing(int chip, int channel, int frequency, double duty) =>
            throw new ArgumentException("The chip number 0 is invalid or is not enabled.");

        Assert.Throws<InvalidOperationException>(() => NeuronBoard.Create(_gpio, Spec, _time, Missing));

        AssertNoPinOpen();
    }

    private NeuronBoard Create(BoardSpec spec) => NeuronBoard.Create(_gpio, spec, _time, Record);

    private FakePwmChannel Record(int chip, int channel, int frequency, double duty) =>
        _channel = new FakePwmChannel(chip, channel, frequency, duty);

    private void AssertNoPinOpen() =>
        Assert.DoesNotContain(Enumerable.Range(0, _gpio.PinCount), _gpio.IsPinOpen);

    private static List<string> Collect(NeuronBoard board)
    {
        var events = new List<string>();
        board.Kick += (_, e) => events.Add($"kick:{e.Source}");
        board.ButtonClicked += (_, e) => events.Add($"click:{e.ClickType}");
        return events;
    }
}
