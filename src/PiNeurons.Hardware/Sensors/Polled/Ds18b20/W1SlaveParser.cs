using System.Globalization;

namespace PiNeurons.Hardware.Sensors.Polled.Ds18b20;

/// <summary>
/// Parses the kernel w1_therm driver's <c>w1_slave</c> file: two lines, the first the scratchpad bytes
/// ending <c>crc=xx YES</c> (or <c>NO</c>), the second the same bytes ending <c>t=23125</c> (milli-°C).
/// </summary>
internal static class W1SlaveParser
{
    // The DS18B20's power-on reset value of its temperature register (datasheet, "Operation - measuring
    // temperature"): reading it means no conversion ran, usually a power or parasite-power problem.
    private const int PowerOnResetMilliCelsius = 85000;

    /// <summary>The temperature in °C.</summary>
    /// <exception cref="InvalidDataException">The text is not a good reading; the message says why.</exception>
    public static double Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2)
        {
            throw new InvalidDataException($"w1_slave has {lines.Length} line(s), expected 2 (the bus may be busy or the sensor unplugged).");
        }

        if (!lines[0].Contains("crc=", StringComparison.Ordinal))
        {
            throw new InvalidDataException("w1_slave's first line has no crc=; not a w1_therm device?");
        }

        if (!lines[0].EndsWith("YES", StringComparison.Ordinal))
        {
            throw new InvalidDataException("CRC check failed (crc NO): noise on the 1-Wire line; check the 4.7 kΩ pull-up and the cable length.");
        }

        var at = lines[1].LastIndexOf("t=", StringComparison.Ordinal);
        if (at < 0 || !int.TryParse(lines[1].AsSpan(at + 2), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milli))
        {
            throw new InvalidDataException("w1_slave's second line has no t=<milli-°C> value.");
        }

        if (milli == PowerOnResetMilliCelsius)
        {
            throw new InvalidDataException("85 °C is the power-on reset value: no conversion ran (check VDD, or parasite power needs a strong pull-up).");
        }

        return milli / 1000.0;
    }
}
