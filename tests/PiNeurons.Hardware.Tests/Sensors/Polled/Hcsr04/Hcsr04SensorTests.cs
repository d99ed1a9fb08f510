using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Sensors.Polled;

namespace PiNeurons.Hardware.Tests.Sensors.Polled.Hcsr04;

/// <summary>
/// The HC-SR04 end to end on the simulated GPIO driver. As for the DHT22, every read of ECHO advances
/// the fake clock by 1 µs and answers the level the module's waveform has at that instant, so the
/// measured echo is exact to a microsecond (0.017 cm) however slowly the machine runs the loop.
/// </summary>
public sealed class Hcsr04SensorTests : IDisposable
{
    private const int Trigger = 23;
    private const int Echo = 24;

    // The module raises ECHO after its 8-cycle 40 kHz burst plus some processing.
    private static readonly TimeSpan EchoDelay = TimeSpan.FromMicroseconds(460);

    private readonly SimulatedGpioDriver _board = new();
    private readonly GpioController _gpio;
    private readonly FakeTimeProvider _time = new();
    private TimeSpan? _echoLength;
    private long? _triggeredAt;

    public Hcsr04SensorTests()
    {
        _gpio = new GpioController(_board);
        _board.OutputChanged += (_, e) =>
        {
            if (e.Pin != Trigger)
            {
                return;
            }

            if (e.Value == PinValue.High)
            {
                // The trigger pulse's 10 µs pass while it is high.
                _time.Advance(TimeSpan.FromMicroseconds(10));
            }
            else
            {
                _triggeredAt = _time.GetTimestamp();
            }
        };
        _board.SetInputScript(Echo, () =>
        {
            _time.Advance(TimeSpan.FromMicroseconds(1));
            if (_triggeredAt is not { } at || _echoLength is not { } length)
            {
                return PinValue.Low;
            }

            var t = _time.GetElapsedTime(at);
            return t >= EchoDelay && t < EchoDelay + length ? PinValue.High : PinValue.Low;
        });
    }

    public void Dispose() => _gpio.Dispose();

    private IPolledSensor Create() =>
        PolledSensorFactory.Create(PolledEntries.Hcsr04("sonar", Trigger, Echo), _gpio, new SensorBuses(), _time);

    // The echo lasts the round trip at 343 m/s: 2 × d / 0.0343 cm/µs.
    private static TimeSpan EchoFor(double centimetres) => TimeSpan.FromMicroseconds(Math.Round(2 * centimetres / 0.0343));

    [Theory]
    [InlineData(10.0)]
    [InlineData(100.0)]
    [InlineData(350.0)]
    public void Read_EchoOfDistance_GivesDistanceInCentimetres(double centimetres)
    {
        _echoLength = EchoFor(centimetres);
        using var sensor = Create();

        var reading = sensor.Read();

        Assert.Equal(centimetres, reading.Value, 0.05);
        Assert.Equal("cm", reading.Unit);
        Assert.Equal(PinValue.Low, _board.GetOutput(Trigger));
    }

    [Fact]
    public void Read_NoEcho_ThrowsSensorReadException()
    {
        _echoLength = null;
        using var sensor = Create();

        var error = Assert.Throws<SensorReadException>(() => sensor.Read());

        Assert.StartsWith("HC-SR04 on GPIO 23 (trigger) / 24 (echo): no echo pulse", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NothingInRange_ThrowsSensorReadException()
    {
        // With no obstacle the module gives up after about 38 ms of ECHO high.
        _echoLength = TimeSpan.FromMilliseconds(38);
        using var sensor = Create();

        var error = Assert.Throws<SensorReadException>(() => sensor.Read());

        Assert.Contains("nothing in range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EchoStuckHigh_ThrowsSensorReadException()
    {
        _echoLength = TimeSpan.FromSeconds(1);
        using var sensor = Create();

        var error = Assert.Throws<SensorReadException>(() => sensor.Read());

        Assert.Contains("did not end", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_ReleasesBothPins()
    {
        var sensor = Create();

        sensor.Dispose();

        Assert.False(_gpio.IsPinOpen(Trigger));
        Assert.False(_gpio.IsPinOpen(Echo));
    }
}
