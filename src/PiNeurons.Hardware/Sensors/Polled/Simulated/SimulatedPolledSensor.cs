namespace PiNeurons.Hardware.Sensors.Polled.Simulated;

/// <summary>A sensor without hardware whose value follows <see cref="SimulatedCurves"/> over its clock.</summary>
internal sealed class SimulatedPolledSensor : IPolledSensor
{
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly TimeSpan _offset;

    public SimulatedPolledSensor(string name, SensorMeasure measure, TimeProvider time)
    {
        Name = name;
        Measure = measure;
        _time = time;
        _started = time.GetTimestamp();
        _offset = SimulatedCurves.OffsetFor(name);
    }

    public string Name { get; }

    public SensorMeasure Measure { get; }

    public string Unit => SensorUnits.For(Measure);

    public SensorReading Read() =>
        new(SimulatedCurves.ValueAt(Measure, _time.GetElapsedTime(_started) + _offset), Unit);

    public void Dispose()
    {
        // Holds nothing.
    }
}
