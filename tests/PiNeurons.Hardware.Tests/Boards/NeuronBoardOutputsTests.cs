using System.Device.Gpio;
using System.Device.Pwm;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Boards;
using PiNeurons.Hardware.Leds;
using PiNeurons.Hardware.Tests.Leds;

namespace PiNeurons.Hardware.Tests.Boards;

public sealed class NeuronBoardOutputsTests : IDisposable
{
    private const int PotentialPin = 18;
    private const int StatusPin = 23;
    private static readonly NeuronEntry Outputs = BoardRig.Neuron(new LedEntry(BoardRig.LedPin, false), BoardRig.Button(BoardRig.ButtonPin)) with
    {
        PotentialLed = new PotentialLedEntry(PotentialPin, false, 500, PwmChip: 0, PwmChannel: 0),
        StatusLed = new LedEntry(StatusPin, false),
    };

    private readonly BoardRig _rig = new();
    private FakePwmChannel? _channel;

    public void Dispose() => _rig.Dispose();

    private FakePwmChannel Channel => _channel ?? throw new InvalidOperationException("No channel was created.");

    [Fact]
    public void Create_WithOutputs_HasBothLeds()
    {
        using var board = Create(Outputs);

        Assert.True(board.HasPotentialLed);
        Assert.True(board.HasStatusLed);
        Assert.Equal((0, 0, 500), (Channel.Chip, Channel.Channel, Channel.Frequency));
    }

    [Fact]
    public void ShowPotential_HardwareLed_SetsGammaCorrectedDuty()
    {
        using var board = Create(Outputs);

        board.ShowPotential(0.5);

        Assert.Equal(Math.Pow(0.5, PotentialLed.Gamma), Channel.DutyCycle, 6);
    }

    [Fact]
    public void ShowPotential_SoftwareLedFull_DrivesPinOn()
    {
        using var board = Create(Outputs with { PotentialLed = new PotentialLedEntry(22, false, 500, null, null) });

        board.ShowPotential(1);

        Assert.Equal(PinValue.High, _rig.Driver.GetOutput(22));
    }

    [Fact]
    public void ShowPotentialAndConnection_NoSuchLeds_DoNothing()
    {
        using var board = Create(BoardRig.Neuron());

        board.ShowPotential(0.7);
        board.ShowConnection(ConnectionIndicator.Reconnecting);
        _rig.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(board.HasPotentialLed);
        Assert.False(board.HasStatusLed);
        _rig.AssertNoPinOpen();
    }

    [Fact]
    public void ShowConnection_ReconnectingThenConnected_BlinksThenSteady()
    {
        using var board = Create(Outputs);

        board.ShowConnection(ConnectionIndicator.Reconnecting);
        Assert.Equal(PinValue.High, _rig.Driver.GetOutput(StatusPin));
        _rig.Time.Advance(StatusLed.BlinkHalfPeriod);
        Assert.Equal(PinValue.Low, _rig.Driver.GetOutput(StatusPin));

        board.ShowConnection(ConnectionIndicator.Connected);
        _rig.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(PinValue.High, _rig.Driver.GetOutput(StatusPin));
    }

    [Fact]
    public void ButtonClicked_Tap_KickAtOnceSingleAfterWindow()
    {
        using var board = Create(Outputs);
        var events = BoardRig.Events(board);

        _rig.Driver.SetInput(BoardRig.ButtonPin, PinValue.Low);
        Assert.Equal(["kick:button"], events);

        _rig.Time.Advance(TimeSpan.FromMilliseconds(80));
        _rig.Driver.SetInput(BoardRig.ButtonPin, PinValue.High);
        _rig.Time.Advance(TimeSpan.FromMilliseconds(400));

        Assert.Equal(["kick:button", "click:Single"], events);
    }

    [Fact]
    public void ButtonClicked_EntryWindows_AreUsed()
    {
        using var board = Create(Outputs with { Button = BoardRig.Button(BoardRig.ButtonPin) with { DoubleClickMs = 100, LongPressMs = 300 } });
        var events = BoardRig.Events(board);

        _rig.Driver.SetInput(BoardRig.ButtonPin, PinValue.Low);
        _rig.Time.Advance(TimeSpan.FromMilliseconds(300));

        Assert.Equal(["kick:button", "click:Long"], events);
    }

    [Fact]
    public void Dispose_WithOutputs_LedsOffPinsReleasedChannelStopped()
    {
        var board = Create(Outputs with { PotentialLed = Outputs.PotentialLed! with { Pin = 12 } });
        board.ShowPotential(1);
        board.ShowConnection(ConnectionIndicator.Connected);

        board.Dispose();
        board.ShowPotential(1);
        board.ShowConnection(ConnectionIndicator.Connected);

        _rig.AssertNoPinOpen();
        Assert.Equal(PinValue.Low, _rig.Driver.ReadPin(StatusPin));
        Assert.Equal(["start", "duty 1", "duty 0", "stop", "dispose"], Channel.Calls);
    }

    [Fact]
    public void Create_PwmChannelFails_ReleasesEarlierPins()
    {
        PwmChannel Missing(int chip, int channel, int frequency, double duty) =>
            throw new ArgumentException("The chip number 0 is invalid or is not enabled.");

        Assert.Throws<InvalidOperationException>(() => _rig.Create(Outputs, Missing));

        _rig.AssertNoPinOpen();
    }

    private NeuronBoard Create(NeuronEntry neuron) => _rig.Create(neuron, Record);

    private FakePwmChannel Record(int chip, int channel, int frequency, double duty) =>
        _channel = new FakePwmChannel(chip, channel, frequency, duty);
}
