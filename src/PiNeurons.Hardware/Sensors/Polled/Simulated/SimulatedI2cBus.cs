using System.Globalization;

namespace PiNeurons.Hardware.Sensors.Polled.Simulated;

/// <summary>
/// The I2C buses of a host without hardware: every address answers as a BME280 whose air follows
/// <see cref="SimulatedCurves"/> over the clock, one curve per measure, so a simulated BME280 is read
/// through the same binding and compensation as a real one.
/// </summary>
/// <param name="time">The clock the air follows; its curves start when the bus is created.</param>
internal sealed class SimulatedI2cBus(TimeProvider time)
{
    // Held by the bus rather than each chip, so a chip opened again after a failed read carries on
    // where the air was instead of starting its curves over.
    private readonly long _started = time.GetTimestamp();

    /// <summary>A BME280 at (<paramref name="bus"/>, <paramref name="address"/>) that measures the simulated air at each conversion.</summary>
    public SimulatedBme280Chip Open(int bus, int address)
    {
        var offset = OffsetFor(bus, address);
        return LinearBme280Trimming.LoadInto(new SimulatedBme280Chip(bus, address)).WithConversion(() =>
        {
            var at = time.GetElapsedTime(_started) + offset;
            return LinearBme280Trimming.AdcFor(
                SimulatedCurves.ValueAt(SensorMeasure.Temperature, at),
                SimulatedCurves.ValueAt(SensorMeasure.Pressure, at),
                SimulatedCurves.ValueAt(SensorMeasure.Humidity, at));
        });
    }

    /// <summary>How far into the curves the chip at (<paramref name="bus"/>, <paramref name="address"/>) reads: one
    /// offset for the chip, so its temperature and humidity are the same air warming and drying.</summary>
    public static TimeSpan OffsetFor(int bus, int address) =>
        SimulatedCurves.OffsetFor(string.Create(CultureInfo.InvariantCulture, $"I2C bus {bus} address 0x{address:X2}"));
}
