using System.Device.Gpio;
using System.Device.Pwm;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Leds;

namespace PiNeurons.Hardware.Tests.Leds;

public sealed class PotentialLedHardwareTests : IDisposable
{
    private const int Pin = 18;
    private readonly GpioController _gpio = new(new SimulatedGpioDriver());
    private FakePwmChannel? _channel;

    public void Dispose() => _gpio.Dispose();

    [Fact]
    public void Constructor_ChipAndChannel_OpensHardwareChannelDarkStartedPinNotClaimed()
    {
        using var led = Create(activeLow: false);

        Assert.True(led.IsHardware);
        Assert.Equal((1, 2, 500), (Channel.Chip, Channel.Channel, Channel.Frequency));
        Assert.Equal(0, Channel.DutyCycle);
        Assert.True(Channel.IsRunning);
        Assert.False(_gpio.IsPinOpen(Pin));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.25, 0.0474)]
    [InlineData(0.5, 0.2176)]
    [InlineData(1.0, 1.0)]
    public void Show_Brightness_DutyIsBrightnessToTheGamma(double brightness, double duty)
    {
        using var led = Create(activeLow: false);

        led.Show(brightness);

        Assert.Equal(duty, Channel.DutyCycle, 4);
        Assert.Equal(brightness, led.Brightness);
    }

    [Theory]
    [InlineData(-3.0, 0.0)]
    [InlineData(7.0, 1.0)]
    [InlineData(double.NaN, 0.0)]
    [InlineData(double.PositiveInfinity, 1.0)]
    public void Show_OutOfRange_Clamped(double brightness, double expected)
    {
        using var led = Create(activeLow: false);
        led.Show(0.5);

        led.Show(brightness);

        Assert.Equal(expected, Channel.DutyCycle);
        Assert.Equal(expected, led.Brightness);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.7824)]
    [InlineData(1.0, 0.0)]
    public void Show_ActiveLow_DutyInverted(double brightness, double duty)
    {
        using var led = Create(activeLow: true);
        Assert.Equal(1.0, Channel.DutyCycle);

        led.Show(brightness);

        Assert.Equal(duty, Channel.DutyCycle, 4);
    }

    [Fact]
    public void Show_SameBrightnessTwice_WritesDutyOnce()
    {
        using var led = Create(activeLow: false);

        led.Show(0.5);
        led.Show(0.5);

        Assert.Equal(["start", "duty 0.2176"], Channel.Calls);
    }

    [Fact]
    public void Dispose_WhileLit_DarkThenStoppedThenDisposedOnce()
    {
        var led = Create(activeLow: false);
        led.Show(1);

        led.Dispose();
        led.Dispose();

        Assert.Equal(["start", "duty 1", "duty 0", "stop", "dispose"], Channel.Calls);
        Assert.Throws<ObjectDisposedException>(() => led.Show(0.5));
    }

    [Fact]
    public void Constructor_ChannelMissing_ThrowsNamingOverlay()
    {
        PwmChannel Missing(int chip, int channel, int frequency, double duty) =>
            throw new ArgumentException($"The chip number {chip} is invalid or is not enabled.");

        var ex = Assert.Throws<InvalidOperationException>(() => new PotentialLed(_gpio, Pin, false, 500, 0, 0, Missing));

        Assert.Contains("pwmchip0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dtoverlay=pwm-2chan", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_StartFails_DisposesChannel()
    {
        var channel = new StartFailingPwmChannel();

        Assert.Throws<InvalidOperationException>(() => new PotentialLed(_gpio, Pin, false, 500, 0, 0, (_, _, _, _) => channel));

        Assert.True(channel.Disposed);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(null, 0)]
    public void Constructor_OnlyChipOrOnlyChannel_Throws(int? chip, int? channel)
    {
        Assert.Throws<ArgumentException>(() => new PotentialLed(_gpio, Pin, false, 500, chip, channel, Record));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public void Constructor_FrequencyOutOfRange_Throws(int frequency)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PotentialLed(_gpio, Pin, false, frequency, 0, 0, Record));
    }

    private FakePwmChannel Channel => _channel ?? throw new InvalidOperationException("No channel was created.");

    private PotentialLed Create(bool activeLow) => new(_gpio, Pin, activeLow, 500, pwmChip: 1, pwmChannel: 2, Record);

    private FakePwmChannel Record(int chip, int channel, int frequency, double duty) =>
        _channel = new FakePwmChannel(chip, channel, frequency, duty);

    private sealed class StartFailingPwmChannel : PwmChannel
    {
        public bool Disposed { get; private set; }

        public override int Frequency { get; set; }

        public override double DutyCycle { get; set; }

        public override void Start() => throw new IOException("Permission denied: enable");

        public override void Stop()
        {
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
