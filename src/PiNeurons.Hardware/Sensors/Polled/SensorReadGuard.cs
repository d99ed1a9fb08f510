namespace PiNeurons.Hardware.Sensors.Polled;

/// <summary>
/// The one place a read's failures become <see cref="SensorReadException"/>, so a sensor keeps its
/// promise to throw nothing else, and an implausible value is a failed read, not a reading.
/// </summary>
internal static class SensorReadGuard
{
    public static SensorReading Read(string device, SensorMeasure measure, Func<double> read)
    {
        double value;
        try
        {
            value = read();
        }
        catch (SensorReadException)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A read is a loop boundary: whatever a driver or binding throws (IOException, TimeoutException,
            // the bindings' plain Exception...) must reach the node as an error event, never a crash.
            throw new SensorReadException($"{device}: {Describe(ex)}", ex);
        }

        return Check(device, measure, value);
    }

    /// <summary>A reading that is a number in the range any of our devices can report, else a failed read.</summary>
    public static SensorReading Check(string device, SensorMeasure measure, double value)
    {
        var (min, max) = measure switch
        {
            SensorMeasure.Temperature => (-55.0, 125.0),
            SensorMeasure.Humidity => (0.0, 100.0),
            SensorMeasure.Pressure => (300.0, 1100.0),
            _ => (2.0, 400.0),
        };
        var unit = SensorUnits.For(measure);
        if (!double.IsFinite(value))
        {
            throw new SensorReadException($"{device}: the {measure.ToString().ToLowerInvariant()} read is not a number ({value}).");
        }

        if (value < min || value > max)
        {
            throw new SensorReadException(
                $"{device}: {value:0.##} {unit} is outside the plausible {min}..{max} {unit}; treating it as a failed read.");
        }

        return new SensorReading(value, unit);
    }

    private static string Describe(Exception ex) => ex switch
    {
        IOException => $"no answer ({ex.Message.TrimEnd('.')})",
        TimeoutException => $"timed out ({ex.Message.TrimEnd('.')})",
        UnauthorizedAccessException => $"access denied ({ex.Message.TrimEnd('.')}); is the user in the gpio/i2c group?",
        _ => ex.Message,
    };
}
