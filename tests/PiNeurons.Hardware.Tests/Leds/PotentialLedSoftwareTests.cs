using System.Device.Gpio;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Leds;

namespace PiNeurons.Hardware.Tests.Leds;

// These drive the real SoftwarePwmChannel (Iot.Device.Bindings 4.2.0) against the simulated board.
public sealed class PotentialLedSoftwareTests : IDisposable
{
    private const int Pin = 24;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly SimulatedGpioDriver _board = new();
    private readonly GpioController _gpio;

    public PotentialLedSoftwareTests() => _gpio = new GpioController(_board);

    public void Dispose() => _gpio.Dispose();

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public void Constructor_NoHardwareChannel_ClaimsPinDarkWithoutThread(bool activeLow, int level)
    {
        using var led = new PotentialLed(_gpio, Pin, activeLow, 500);

        Assert.False(led.IsHardware);
        Assert.Equal(PinMode.Output, _gpio.GetPinMode(Pin));
        Assert.Equal((PinValue)level, _board.GetOutput(Pin));
        Assert.False(led.IsSoftwarePwmRunning);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Show_FullThenDark_SteadyLevelsWithoutThread(bool activeLow)
    {
        using var led = new PotentialLed(_gpio, Pin, activeLow, 500);

        led.Show(1);
        Assert.Equal(activeLow ? PinValue.Low : PinValue.High, _board.GetOutput(Pin));
        Assert.False(led.IsSoftwarePwmRunning);

        led.Show(0);
        Assert.Equal(activeLow ? PinValue.High : PinValue.Low, _board.GetOutput(Pin));
        Assert.False(led.IsSoftwarePwmRunning);
    }

    [Fact]
    public async Task Show_Partial_SoftwarePwmTogglesPinUntilDark()
    {
        using var led = new PotentialLed(_gpio, Pin, activeLow: false, 500);
        var toggling = SeeBothLevels();

        led.Show(0.5);

        Assert.True(led.IsSoftwarePwmRunning);
        await toggling.WaitAsync(Patience);

        led.Show(0);
        Assert.False(led.IsSoftwarePwmRunning);
        Assert.Equal(PinValue.Low, _board.GetOutput(Pin));
    }

    [Fact]
    public async Task Dispose_ActiveLowWhilePwmRuns_DrivesOffThenReleasesPin()
    {
        var led = new PotentialLed(_gpio, Pin, activeLow: true, 500);
        var toggling = SeeBothLevels();
        led.Show(0.5);
        await toggling.WaitAsync(Patience);
        var levels = new List<PinValue>();
        _board.OutputChanged += (_, e) =>
        {
            lock (levels)
            {
                levels.Add(e.Value);
            }
        };

        led.Dispose();

        // The PWM thread has ended by now; the last two changes are ours: off (High), then the pin
        // going back to an input as it is closed.
        Assert.False(_gpio.IsPinOpen(Pin));
        Assert.Equal([PinValue.High, PinValue.Low], levels[^2..]);
        Assert.Throws<ObjectDisposedException>(() => led.Show(0.5));
    }

    [Fact]
    public void Constructor_PinAlreadyOpen_Throws()
    {
        _gpio.OpenPin(Pin, PinMode.Output);

        var ex = Assert.Throws<InvalidOperationException>(() => new PotentialLed(_gpio, Pin, false, 500));

        Assert.Contains("pin 24 is already open", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LightFraction_Always_IsGammaOfClampedBrightness()
    {
        Assert.Equal(0, PotentialLed.LightFraction(0));
        Assert.Equal(1, PotentialLed.LightFraction(1));
        Assert.Equal(Math.Pow(0.3, PotentialLed.Gamma), PotentialLed.LightFraction(0.3));
        Assert.Equal(0, PotentialLed.LightFraction(double.NaN));
    }

    // Completes once the pin has been seen both High and Low, written from the PWM thread.
    private Task SeeBothLevels()
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var high = 0;
        var low = 0;
        _board.OutputChanged += (_, e) =>
        {
            if (e.Pin != Pin)
            {
                return;
            }

            if (e.Value == PinValue.High)
            {
                Interlocked.Exchange(ref high, 1);
            }
            else
            {
                Interlocked.Exchange(ref low, 1);
            }

            if (Volatile.Read(ref high) == 1 && Volatile.Read(ref low) == 1)
            {
                seen.TrySetResult();
            }
        };
        return seen.Task;
    }
}
