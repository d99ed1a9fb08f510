using System.Device.Gpio;
using System.Threading.Channels;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Boards;
using PiNeurons.Hardware.Buttons;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Leds;
using PiNeurons.Hardware.Sensors;
using PiNeurons.Hardware.Tests.Boards;

namespace PiNeurons.Hardware.Tests.RealGpio;

/// <summary>
/// The adapters on a real kernel GPIO chip through libgpiod, with the driver the environment names
/// (see <see cref="RealGpioChip"/>). The VM stage runs this class once per driver on gpio-sim; the
/// lines are those of the bank .ci/vm/init.sh creates. One class, so xunit runs these one at a time
/// and no two tests share a line.
/// </summary>
public sealed class RealGpioTests : IDisposable
{
    private const int LedLine = 3;
    private const int ButtonLine = 5;
    private const int SensorLine = 6;
    private const int SpareLine = 7;

    // No gpio-sim chip has this number in the VM (it creates two or three).
    private const int MissingChip = 63;

    // Long enough that the line is still lit when the test reads it right after the call, even if the
    // process stalls under qemu TCG; the test never checks how long the pulse lasted.
    private static readonly TimeSpan Pulse = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(20);

    // Bounds on waits that end on a signal; generous because TCG runs .NET many times slower than a Pi.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly RealGpioChip _chip;
    private readonly GpioController _gpio;

    public RealGpioTests()
    {
        _chip = RealGpioChip.FromEnvironment();

        // The world at rest: the button's contact open (its line held only by the pull-up the adapter
        // asks for) and the sensor's output low. Set before any line is requested, so no edge is pending.
        _chip.Drive(ButtonLine, PinValue.High);
        _chip.Drive(SensorLine, PinValue.Low);
        _gpio = _chip.OpenController();
    }

    public void Dispose()
    {
        _gpio.Dispose();
        _chip.Drive(ButtonLine, PinValue.High);
        _chip.Drive(SensorLine, PinValue.Low);
    }

    [RealGpioFact]
    public void GpioControllerFactory_NamedDriver_DrivesTheChipsLineThroughThatLibgpiod()
    {
        _gpio.OpenPin(SpareLine, PinMode.Output, PinValue.Low);
        Assert.Equal(PinValue.Low, _chip.Level(SpareLine));

        _gpio.Write(SpareLine, PinValue.High);
        Assert.Equal(PinValue.High, _chip.Level(SpareLine));

        // Each driver loads its own library (libgpiod.so.2 for v1, .so.3 for v2): proof that this run
        // went through the driver it names and not through whichever one happened to be installed.
        var maps = File.ReadAllText("/proc/self/maps");
        Assert.Contains(_chip.Library, maps, StringComparison.Ordinal);
    }

    [RealGpioFact]
    public void GpioControllerFactory_ChipThatDoesNotExist_ThrowsGpioUnavailableListingTheChips()
    {
        var ex = Assert.Throws<GpioUnavailableException>(() => GpioControllerFactory.Open(_chip.Driver, new GpioChipRequest(MissingChip), new GpioChipDevices()));

        Assert.Contains($"there is no gpiochip{MissingChip}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"gpiochip{_chip.Chip} '{_chip.Label}' ({_chip.Lines} lines)", ex.Message, StringComparison.Ordinal);
    }

    [RealGpioFact]
    public void GpioChipDevices_List_ReportsTheChipsLabelAndLinesAsTheKernelHasThem()
    {
        var chip = Assert.Single(new GpioChipDevices().List(), c => c.Number == _chip.Chip);

        Assert.Equal(new GpioChip(_chip.Chip, _chip.Label, _chip.Lines), chip);
    }

    [RealGpioFact]
    public void GpioControllerFactory_AutoWithNoChipNamed_FindsTheHeaderChipByLabelAndDrivesItsLine()
    {
        // A second controller on the chip the fixture's is open on: the kernel lets several open it.
        var (gpio, selection) = GpioControllerFactory.Open(GpioDriverKind.Auto, GpioChipRequest.Header, new GpioChipDevices());
        using (gpio)
        {
            Assert.Equal(_chip.Chip, selection.Chip?.Chip.Number);
            // The VM runs this class with only libgpiod.so.2, then with libgpiod.so.3 on the library path too:
            // auto takes 1.x in the first run and 2.x in the second, the driver each run names.
            Assert.Equal(_chip.Driver, selection.Driver);
            gpio.OpenPin(SpareLine, PinMode.Output, PinValue.Low);
            gpio.Write(SpareLine, PinValue.High);
            Assert.Equal(PinValue.High, _chip.Level(SpareLine));
        }
    }

    [RealGpioFact]
    public async Task FireLed_Pulse_LineHighThenLowWhenThePulseEnds()
    {
        using var led = new FireLed(_gpio, LedLine, activeLow: false, TimeProvider.System);
        Assert.Equal(PinValue.Low, _chip.Level(LedLine));

        led.Pulse(Pulse);
        Assert.Equal(PinValue.High, _chip.Level(LedLine));

        await _chip.WaitForLevelAsync(LedLine, PinValue.Low, Patience);
        Assert.False(led.IsOn);
    }

    [RealGpioFact]
    public async Task PushButton_PullUpLinePulledToGround_OnePressThenOneRelease()
    {
        // Pulled low from outside before the button opens: only the adapter's pull-up brings it back
        // high, as a button wired to GND with no resistor of its own needs.
        _chip.Drive(ButtonLine, PinValue.Low);
        using var button = new PushButton(_gpio, ButtonLine, PullMode.Up, Debounce, TimeProvider.System);
        var presses = 0;
        var pressed = NewSignal();
        var released = NewSignal();
        button.Pressed += (_, _) =>
        {
            Interlocked.Increment(ref presses);
            pressed.TrySetResult();
        };
        button.Released += (_, _) => released.TrySetResult();
        Assert.Equal(PinValue.High, _chip.Level(ButtonLine));
        Assert.False(button.IsPressed);

        // Listening since the constructor; only now the edge (the TCG race: listen first, then trigger).
        _chip.Drive(ButtonLine, PinValue.Low);
        await pressed.Task.WaitAsync(Patience);
        Assert.True(button.IsPressed);

        _chip.Drive(ButtonLine, PinValue.High);
        await released.Task.WaitAsync(Patience);
        Assert.Equal(1, Volatile.Read(ref presses));
        Assert.False(button.IsPressed);
    }

    [RealGpioFact]
    public async Task DigitalSensorInput_RisingEdge_TriggeredAndLevelHigh()
    {
        using var sensor = new DigitalSensorInput(_gpio, "pir", SensorLine, PullMode.None, EdgeKind.Rising, Debounce, TimeProvider.System);
        var triggered = NewSignal();
        sensor.Triggered += (_, _) => triggered.TrySetResult();
        Assert.Equal(PinValue.Low, sensor.Level);

        _chip.Drive(SensorLine, PinValue.High);
        await triggered.Task.WaitAsync(Patience);

        Assert.Equal(PinValue.High, sensor.Level);
    }

    [RealGpioFact]
    public async Task NeuronBoard_ShowFiringAndPressAndSensor_LedLitThenKicksFromButtonAndSensor()
    {
        var neuron = BoardRig.Neuron(
            new LedEntry(LedLine, false),
            BoardRig.Button(ButtonLine) with { DebounceMs = (int)Debounce.TotalMilliseconds },
            [BoardRig.Sensor("pir", SensorLine)]);
        using var board = NeuronBoard.Create(_gpio, neuron, TimeProvider.System);
        var kicks = Channel.CreateUnbounded<string>();
        board.Kick += (_, e) => kicks.Writer.TryWrite(e.Source);

        Assert.Equal(PinValue.Low, _chip.Level(LedLine));
        board.ShowFiring(Pulse);
        Assert.Equal(PinValue.High, _chip.Level(LedLine));
        await _chip.WaitForLevelAsync(LedLine, PinValue.Low, Patience);

        _chip.Drive(ButtonLine, PinValue.Low);
        Assert.Equal(BoardKickEventArgs.ButtonSource, await kicks.Reader.ReadAsync().AsTask().WaitAsync(Patience));

        // The next kick is the sensor's: nothing else (no second press) came in between.
        _chip.Drive(SensorLine, PinValue.High);
        Assert.Equal("sensor:pir", await kicks.Reader.ReadAsync().AsTask().WaitAsync(Patience));
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
