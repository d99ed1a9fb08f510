using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Sensors.Polled;

namespace PiNeurons.Hardware.Tests.Sensors.Polled.Dht22;

/// <summary>
/// The DHT22 sensor end to end on the simulated GPIO driver. The sensor timestamps edges with the
/// injected clock; the simulated line advances that fake clock by 1 µs at every read and answers with
/// the level the datasheet waveform has at that instant. So the decoded bits depend only on the
/// waveform, never on how fast the (possibly loaded) machine runs the sampling loop.
/// </summary>
public sealed class Dht22SensorTests : IDisposable
{
    private const int Pin = 4;
    private static readonly TimeSpan ReadStep = TimeSpan.FromMicroseconds(1);

    private readonly SimulatedGpioDriver _board = new();
    private readonly GpioController _gpio;
    private readonly FakeTimeProvider _time = new();
    private IReadOnlyList<TimeSpan> _answer = [];
    private bool _awaitingRelease;
    private long _releasedAt;

    public Dht22SensorTests()
    {
        _gpio = new GpioController(_board);
        _board.OutputChanged += (_, e) =>
        {
            if (e.Pin == Pin && e.Value == PinValue.Low)
            {
                // The host's start signal: the time it holds the line low passes, then it releases.
                StartSignals++;
                _awaitingRelease = true;
                _time.Advance(TimeSpan.FromMilliseconds(2));
            }
        };
        _board.SetInputScript(Pin, () =>
        {
            if (_awaitingRelease)
            {
                _awaitingRelease = false;
                _releasedAt = _time.GetTimestamp();
            }

            _time.Advance(ReadStep);
            return Dht22Waveform.IsHighAt(_answer, _time.GetElapsedTime(_releasedAt)) ? PinValue.High : PinValue.Low;
        });
    }

    private int StartSignals { get; set; }

    public void Dispose() => _gpio.Dispose();

    private IPolledSensor Create(SensorMeasure measure) =>
        PolledSensorFactory.Create(PolledEntries.Dht22("dht", measure, Pin), _gpio, new SensorBuses(), _time);

    [Theory]
    [InlineData(SensorMeasure.Humidity, 65.2, "%")]
    [InlineData(SensorMeasure.Temperature, 35.1, "°C")]
    public void Read_DatasheetFrame_DecodesValue(SensorMeasure measure, double expected, string unit)
    {
        _answer = Dht22Waveform.Edges(0x02, 0x8C, 0x01, 0x5F, 0xEE);
        using var sensor = Create(measure);

        var reading = sensor.Read();

        Assert.Equal(expected, reading.Value, 1e-9);
        Assert.Equal(unit, reading.Unit);
        Assert.Equal(PinMode.InputPullUp, _gpio.GetPinMode(Pin));
    }

    [Fact]
    public void Read_NegativeTemperature_DecodesSign()
    {
        _answer = Dht22Waveform.Edges(0x02, 0x8C, 0x80, 0x65, 0x73);
        using var sensor = Create(SensorMeasure.Temperature);

        Assert.Equal(-10.1, sensor.Read().Value, 1e-9);
    }

    [Fact]
    public void Read_CorruptedChecksum_ThrowsSensorReadException()
    {
        _answer = Dht22Waveform.Edges(0x02, 0x8C, 0x01, 0x5F, 0x00);
        using var sensor = Create(SensorMeasure.Humidity);

        var error = Assert.Throws<SensorReadException>(() => sensor.Read());

        Assert.Equal("DHT22 on GPIO 4: checksum mismatch (frame says 0x00, data sums to 0xEE).", error.Message);
    }

    [Fact]
    public void Read_LineNeverAnswers_ThrowsNoAnswer()
    {
        _answer = [];
        using var sensor = Create(SensorMeasure.Temperature);

        var error = Assert.Throws<SensorReadException>(() => sensor.Read());

        Assert.StartsWith("DHT22 on GPIO 4: no answer", error.Message, StringComparison.Ordinal);
        Assert.Equal(PinMode.InputPullUp, _gpio.GetPinMode(Pin));
    }

    [Fact]
    public void Read_HumidityOver100_ThrowsOutOfRange()
    {
        // 0x03E9 = 1001 → 100.1 %RH, checksum 0x03 + 0xE9 + 0x01 + 0x5F = 0x4C: a well-formed frame, an impossible value.
        _answer = Dht22Waveform.Edges(0x03, 0xE9, 0x01, 0x5F, 0x4C);
        using var sensor = Create(SensorMeasure.Humidity);

        var error = Assert.Throws<SensorReadException>(() => sensor.Read());

        Assert.Contains("outside the plausible", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SoonerThanTwoSeconds_ReturnsLastFrameWithoutWakingSensor()
    {
        _answer = Dht22Waveform.Edges(0x02, 0x8C, 0x01, 0x5F, 0xEE);
        using var sensor = Create(SensorMeasure.Temperature);
        sensor.Read();
        _answer = Dht22Waveform.Edges(0x02, 0x8C, 0x80, 0x65, 0x73);

        var soon = sensor.Read();
        _time.Advance(TimeSpan.FromSeconds(2));
        var later = sensor.Read();

        Assert.Equal(35.1, soon.Value, 1e-9);
        Assert.Equal(-10.1, later.Value, 1e-9);
        Assert.Equal(2, StartSignals);
    }

    [Fact]
    public void Read_TemperatureAndHumidityOnOnePin_ShareOneFrame()
    {
        _answer = Dht22Waveform.Edges(0x02, 0x8C, 0x01, 0x5F, 0xEE);
        var buses = new SensorBuses();
        using var temperature = PolledSensorFactory.Create(PolledEntries.Dht22("t", SensorMeasure.Temperature, Pin), _gpio, buses, _time);
        using var humidity = PolledSensorFactory.Create(PolledEntries.Dht22("h", SensorMeasure.Humidity, Pin), _gpio, buses, _time);

        Assert.Equal(35.1, temperature.Read().Value, 1e-9);
        Assert.Equal(65.2, humidity.Read().Value, 1e-9);
        Assert.Equal(1, StartSignals);
    }

    [Fact]
    public void Dispose_OneOfTwoSensorsOnAPin_KeepsThePinUntilTheLast()
    {
        var buses = new SensorBuses();
        var temperature = PolledSensorFactory.Create(PolledEntries.Dht22("t", SensorMeasure.Temperature, Pin), _gpio, buses, _time);
        var humidity = PolledSensorFactory.Create(PolledEntries.Dht22("h", SensorMeasure.Humidity, Pin), _gpio, buses, _time);

        temperature.Dispose();
        temperature.Dispose();
        var openAfterFirst = _gpio.IsPinOpen(Pin);
        humidity.Dispose();

        Assert.True(openAfterFirst);
        Assert.False(_gpio.IsPinOpen(Pin));
    }

    [Fact]
    public void Dispose_ReleasesThePin()
    {
        var sensor = Create(SensorMeasure.Temperature);

        sensor.Dispose();

        Assert.False(_gpio.IsPinOpen(Pin));
    }
}
