using System.Globalization;

namespace PiNeurons.Hardware.Gpio;

/// <summary>
/// The GPIO chips of this machine, from their character devices: each <c>/dev/gpiochipN</c> is asked for its
/// label and line count, as gpiodetect does. Not from /sys: /sys/bus/gpio/devices/gpiochipN has no label on the
/// Pi's kernels (6.1 to 6.12), and /sys/class/gpio's legacy entries, numbered by GPIO base, cannot be matched to
/// a chip number when one device has several chips (the Pi 5's SoC GPIO banks).
/// </summary>
/// <param name="directory">Where the devices are: <c>/dev</c>, or a test's folder.</param>
public sealed class GpioChipDevices(string directory = "/dev") : IGpioChips
{
    private const string Prefix = "gpiochip";

    /// <inheritdoc />
    public IReadOnlyList<GpioChip> List()
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return [.. Directory.EnumerateFileSystemEntries(directory, Prefix + "*")
            .Select(path => (Path: path, Number: NumberOf(Path.GetFileName(path))))
            .Where(d => d.Number is not null)
            .OrderBy(d => d.Number)
            .Select(d => Read(d.Path, d.Number!.Value))];
    }

    // gpiochip12 is chip 12; a name with anything after the digits (gpiochip0-old) is not a chip device.
    private static int? NumberOf(string name)
    {
        var digits = name.AsSpan(Prefix.Length);
        return digits.Length is > 0 and <= 9 && !digits.ContainsAnyExceptInRange('0', '9')
            ? int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;
    }

    private static GpioChip Read(string path, int number)
    {
        try
        {
            var (label, lines) = ChipInfoIoctl.Read(path);
            return new GpioChip(number, label, lines);
        }
        catch (UnauthorizedAccessException)
        {
            // The node's unit runs as user pineurons in group gpio, which udev gives the chips on Raspberry Pi OS.
            return new GpioChip(number, string.Empty, 0) { Problem = "permission denied; is the user in group gpio?" };
        }
        catch (IOException ex)
        {
            return new GpioChip(number, string.Empty, 0) { Problem = ex.Message };
        }
    }
}
