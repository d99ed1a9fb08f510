using System.Device.Gpio;
using System.Globalization;

namespace PiNeurons.Hardware.Sensors.Polled.Dht22;

/// <summary>
/// A DHT22 on one GPIO line, shared by the sensors that report its two measures: sends the start
/// signal, samples the answer's edges, and hands them to <see cref="Dht22Decoder"/>.
/// </summary>
/// <remarks>
/// Not <c>Iot.Device.DHTxx.Dht22</c>: in Iot.Device.Bindings 4.2.0 it times each bit with a private
/// <c>Stopwatch</c> in a busy loop and calls a bit 1 once its high lasts over 30 µs, so on a loaded
/// machine a preempted loop turns 0s into 1s and no test can drive it reliably. It also sleeps a second
/// in its constructor and its rate limit compares against <c>MinTimeBetweenReads.Milliseconds</c> (the
/// 500 ms part of 2.5 s). Here edges are timestamped with the injected <see cref="TimeProvider"/>,
/// so the simulated line replays an exact waveform, and the decoder is a pure, tested function. On a
/// real Pi any user-space sampler can still be preempted mid-frame; ours tolerates an edge seen 20 µs
/// late either way, and a worse miss almost always fails the checksum: a failed read, not a wrong value.
/// Thread-safe: sensors polled on different threads take turns, and share the 2 s spacing.
/// </remarks>
internal sealed class Dht22Line : IDisposable
{
    // AM2302 datasheet: the host holds the line low at least 1 ms (up to 20 ms) to wake the sensor,
    // and the sensor needs 2 s between measurements; reads sooner return the last good frame.
    private static readonly TimeSpan StartSignal = TimeSpan.FromMilliseconds(1.5);
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);

    // The longest level in a frame is 80 µs; a line quiet for this long has finished (or never answered).
    private static readonly TimeSpan Quiet = TimeSpan.FromMicroseconds(300);

    // Answer low + high, 40 bits of two edges, the closing low and release: 84 edges; a few spare.
    private const int MaxEdges = 90;

    // A bound on sampling should the clock not move (a frozen fake clock); far above a real frame's reads.
    private const int MaxReads = 1_000_000;

    private readonly Lock _gate = new();
    private readonly GpioController _gpio;
    private readonly TimeProvider _time;
    private readonly int _pin;
    private readonly PinMode _idleMode;
    private readonly TimeSpan[] _edges = new TimeSpan[MaxEdges];
    private Dht22Frame? _last;
    private long _lastAt;

    public Dht22Line(GpioController gpio, int pin, TimeProvider time)
    {
        _gpio = gpio;
        _time = time;
        _pin = pin;
        Description = string.Create(CultureInfo.InvariantCulture, $"DHT22 on GPIO {pin}");

        // The line idles high: modules carry a pull-up, and the internal one helps a bare sensor.
        _idleMode = gpio.IsPinModeSupported(_pin, PinMode.InputPullUp) ? PinMode.InputPullUp : PinMode.Input;
        gpio.OpenPin(_pin, _idleMode);
    }

    /// <summary>How messages name the sensor: "DHT22 on GPIO 4".</summary>
    public string Description { get; }

    /// <summary>A fresh frame, or the last good one if it is younger than the sensor's 2 s spacing.</summary>
    public Dht22Frame Read()
    {
        lock (_gate)
        {
            if (_last is not { } frame || _time.GetElapsedTime(_lastAt) >= MinInterval)
            {
                frame = Decode(Capture());
                _last = frame;
                _lastAt = _time.GetTimestamp();
            }

            return frame;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_gpio.IsPinOpen(_pin))
            {
                _gpio.ClosePin(_pin);
            }
        }
    }

    private Dht22Frame Decode(int edgeCount)
    {
        try
        {
            return Dht22Decoder.Decode(_edges.AsSpan(0, edgeCount));
        }
        catch (InvalidDataException ex)
        {
            throw new SensorReadException($"{Description}: {ex.Message}.", ex);
        }
    }

    private int Capture()
    {
        var start = _time.GetTimestamp();
        _gpio.SetPinMode(_pin, PinMode.Output);
        _gpio.Write(_pin, PinValue.Low);
        try
        {
            PulseClock.SpinUntil(_time, start, StartSignal);
        }
        finally
        {
            // Releasing the line lets the pull-up raise it: the sensor answers 20-40 µs later.
            _gpio.SetPinMode(_pin, _idleMode);
        }

        var released = _time.GetTimestamp();
        var level = PinValue.High;
        var count = 0;
        var lastEdge = TimeSpan.Zero;
        for (var reads = 0; reads < MaxReads && count < MaxEdges; reads++)
        {
            var seen = _gpio.Read(_pin);
            var at = _time.GetElapsedTime(released);
            if (seen != level)
            {
                level = seen;
                _edges[count++] = at;
                lastEdge = at;
            }
            else if (at - lastEdge > Quiet)
            {
                break;
            }
        }

        return count;
    }
}
