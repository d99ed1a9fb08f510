using System.Device.Gpio;
using System.Globalization;

namespace PiNeurons.Hardware.Sensors.Polled.Hcsr04;

/// <summary>
/// An HC-SR04: a 10 µs trigger pulse makes it send an ultrasonic burst and hold ECHO high for the
/// round trip; distance = echo time × speed of sound / 2.
/// </summary>
/// <remarks>
/// Not <c>Iot.Device.Hcsr04.Hcsr04</c>: in Iot.Device.Bindings 4.2.0 it times the echo with a private
/// <c>Stopwatch</c>, its timeouts with <c>DateTime.Now</c> and its spacing with <c>Thread.Sleep</c>, so
/// a test could only bound the distance from below on a loaded machine. Here the echo is timed with
/// the injected <see cref="TimeProvider"/>'s timestamps, which a simulated line can replay exactly.
/// </remarks>
internal sealed class Hcsr04Sensor : IPolledSensor
{
    // Speed of sound in dry air at 20 °C: 343 m/s = 0.0343 cm/µs; the echo covers the distance twice.
    private const double CentimetresPerMicrosecondRoundTrip = 0.0343 / 2;

    // HC-SR04 datasheet: trigger with a high of at least 10 µs.
    private static readonly TimeSpan TriggerPulse = TimeSpan.FromMicroseconds(10);

    // The burst takes 8 × 25 µs and the module raises ECHO within about half a millisecond; a module
    // that sees nothing holds ECHO high about 38 ms. Both bounds leave a wide margin.
    private static readonly TimeSpan EchoStartTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan EchoLengthTimeout = TimeSpan.FromMilliseconds(50);

    // A bound on sampling should the clock not move (a frozen fake clock).
    private const int MaxReads = 10_000_000;

    private readonly GpioController _gpio;
    private readonly TimeProvider _time;
    private readonly int _trigger;
    private readonly int _echo;
    private readonly string _device;

    public Hcsr04Sensor(string name, int triggerPin, int echoPin, GpioController gpio, TimeProvider time)
    {
        _gpio = gpio;
        _time = time;
        _trigger = triggerPin;
        _echo = echoPin;
        Name = name;
        _device = string.Create(CultureInfo.InvariantCulture, $"HC-SR04 on GPIO {triggerPin} (trigger) / {echoPin} (echo)");
        gpio.OpenPin(_trigger, PinMode.Output, PinValue.Low);
        try
        {
            gpio.OpenPin(_echo, PinMode.Input);
        }
        catch
        {
            gpio.ClosePin(_trigger);
            throw;
        }
    }

    public string Name { get; }

    public SensorMeasure Measure => SensorMeasure.Distance;

    public string Unit => SensorUnits.Centimetre;

    public SensorReading Read() => SensorReadGuard.Read(_device, Measure, ReadOnce);

    public void Dispose()
    {
        foreach (var pin in new[] { _trigger, _echo })
        {
            if (_gpio.IsPinOpen(pin))
            {
                _gpio.ClosePin(pin);
            }
        }
    }

    private double ReadOnce()
    {
        var start = _time.GetTimestamp();
        _gpio.Write(_trigger, PinValue.High);
        try
        {
            PulseClock.SpinUntil(_time, start, TriggerPulse);
        }
        finally
        {
            _gpio.Write(_trigger, PinValue.Low);
        }

        var sent = _time.GetTimestamp();
        var rose = WaitWhile(PinValue.Low, sent, EchoStartTimeout)
            ?? throw new SensorReadException($"{_device}: no echo pulse (check wiring; ECHO is 5 V and needs a divider to 3.3 V).");
        var fell = WaitWhile(PinValue.High, rose, EchoLengthTimeout)
            ?? throw new SensorReadException($"{_device}: the echo pulse did not end within {EchoLengthTimeout.TotalMilliseconds} ms.");

        var micros = (fell - rose) * 1_000_000.0 / _time.TimestampFrequency;
        var centimetres = micros * CentimetresPerMicrosecondRoundTrip;
        if (centimetres > 400)
        {
            throw new SensorReadException(string.Create(
                CultureInfo.InvariantCulture,
                $"{_device}: nothing in range (echo of {micros / 1000:0.#} ms means over 4 m, the module's limit)."));
        }

        return centimetres;
    }

    // Samples ECHO until it leaves `level`; the timestamp of the first read that saw the change, or null.
    private long? WaitWhile(PinValue level, long since, TimeSpan timeout)
    {
        for (var reads = 0; reads < MaxReads; reads++)
        {
            var value = _gpio.Read(_echo);
            var now = _time.GetTimestamp();
            if (value != level)
            {
                return now;
            }

            if (_time.GetElapsedTime(since, now) > timeout)
            {
                return null;
            }
        }

        return null;
    }
}
