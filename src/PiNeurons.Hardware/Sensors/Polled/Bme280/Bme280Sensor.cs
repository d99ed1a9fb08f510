namespace PiNeurons.Hardware.Sensors.Polled.Bme280;

/// <summary>One measure of a BME280; the chip itself is a <see cref="Bme280Device"/> shared with its other measures.</summary>
internal sealed class Bme280Sensor : IPolledSensor
{
    private readonly SharedDevices<(int Bus, int Address), Bme280Device>.Lease _chip;

    public Bme280Sensor(string name, SensorMeasure measure, SharedDevices<(int Bus, int Address), Bme280Device>.Lease chip)
    {
        Name = name;
        Measure = measure;
        _chip = chip;
    }

    public string Name { get; }

    public SensorMeasure Measure { get; }

    public string Unit => SensorUnits.For(Measure);

    public SensorReading Read() => SensorReadGuard.Read(_chip.Device.Description, Measure, () => _chip.Device.Read(Measure));

    public void Dispose() => _chip.Dispose();
}
