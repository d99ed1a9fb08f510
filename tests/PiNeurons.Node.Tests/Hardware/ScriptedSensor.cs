using System.Threading.Channels;
using PiNeurons.Hardware.Sensors.Polled;

namespace PiNeurons.Node.Tests.Hardware;

/// <summary>A polled sensor at the hardware seam that answers each read with the next scripted value or failure.
/// Between scripted answers it repeats the last value, so the node's polling cadence does not matter.</summary>
internal sealed class ScriptedSensor(string name, SensorMeasure measure, string unit) : IPolledSensor
{
    private readonly Channel<double?> _script = Channel.CreateUnbounded<double?>();
    private double _last = double.NaN;

    public string Name { get; } = name;

    public SensorMeasure Measure { get; } = measure;

    public string Unit { get; } = unit;

    /// <summary>The next read returns <paramref name="value"/>.</summary>
    public void Next(double value) => _script.Writer.TryWrite(value);

    /// <summary>The next read fails.</summary>
    public void Fail() => _script.Writer.TryWrite(null);

    public SensorReading Read()
    {
        if (_script.Reader.TryRead(out var next))
        {
            if (next is not { } value)
            {
                throw new SensorReadException("BME280 at I2C bus 1 address 0x76: no answer (Remote I/O error)");
            }

            _last = value;
        }

        return double.IsNaN(_last) ? throw new SensorReadException("no reading scripted yet") : new SensorReading(_last, Unit);
    }

    public void Dispose()
    {
    }
}
