using System.Device.Gpio;
using System.Device.Gpio.Drivers;

namespace PiNeurons.Hardware.Gpio;

/// <summary>
/// Builds the one <see cref="GpioController"/> of a process (the composition root calls it once)
/// and turns the many ways a missing GPIO stack fails into one <see cref="GpioUnavailableException"/>.
/// </summary>
public static class GpioControllerFactory
{
    private const string Advice =
        "Run with --gpio simulated to use a simulated board, or install libgpiod " +
        "(apt install libgpiod2 on Bookworm, libgpiod3 on Trixie) and check that /dev/gpiochip0 exists " +
        "and your user is in the gpio group.";

    /// <summary>Creates a controller on the driver of the given <paramref name="kind"/>.</summary>
    /// <param name="kind">The driver to use.</param>
    /// <param name="chip">The gpiochip number for the libgpiod drivers (0 on a Pi 3/4; see README for a Pi 5).</param>
    /// <param name="simulated">For <see cref="GpioDriverKind.Simulated"/>: the board to use, so a caller can drive it.</param>
    /// <exception cref="GpioUnavailableException">The driver could not be started on this machine.</exception>
    public static GpioController Create(GpioDriverKind kind, int chip = 0, SimulatedGpioDriver? simulated = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chip);
        return kind switch
        {
            GpioDriverKind.Simulated => new GpioController(simulated ?? new SimulatedGpioDriver()),
            GpioDriverKind.Auto => Guard(kind, chip, () => new GpioController()),
            GpioDriverKind.LibGpiod => Guard(kind, chip, () => new GpioController(new LibGpiodDriver(chip))),
            GpioDriverKind.LibGpiodV2 => Guard(kind, chip, () => new GpioController(new LibGpiodV2Driver(chip))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown GPIO driver kind."),
        };
    }

    /// <summary>
    /// Parses a driver name as given on the command line or in configuration:
    /// <c>simulated</c>, <c>auto</c>, <c>libgpiod</c> or <c>libgpiodv2</c>, case-insensitive.
    /// </summary>
    public static bool TryParse(string? text, out GpioDriverKind kind)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "SIMULATED":
                kind = GpioDriverKind.Simulated;
                return true;
            case "AUTO":
                kind = GpioDriverKind.Auto;
                return true;
            case "LIBGPIOD":
                kind = GpioDriverKind.LibGpiod;
                return true;
            case "LIBGPIODV2":
                kind = GpioDriverKind.LibGpiodV2;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    /// <summary>The name <see cref="TryParse"/> accepts for <paramref name="kind"/>.</summary>
    public static string Format(GpioDriverKind kind) => kind.ToString().ToLowerInvariant();

    // The failures differ by board and image: IOException "Unable to find a chip" without /dev/gpiochip,
    // DllNotFoundException without libgpiod, GpiodException from libgpiod itself, PlatformNotSupported or
    // NotSupported from the board detection, UnauthorizedAccess outside the gpio group. All mean the same
    // to the user, so all are caught here, at the one place hardware is created.
    private static GpioController Guard(GpioDriverKind kind, int chip, Func<GpioController> create)
    {
        try
        {
            return create();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new GpioUnavailableException(Describe(kind, chip, ex), ex);
        }
    }

    private static string Describe(GpioDriverKind kind, int chip, Exception ex)
    {
        var driver = kind switch
        {
            GpioDriverKind.Auto => "the driver new GpioController() picks for this board",
            GpioDriverKind.LibGpiod => $"the libgpiod v1 driver (LibGpiodDriver, libgpiod.so.2) on gpiochip{chip}",
            _ => $"the libgpiod v2 driver (LibGpiodV2Driver, libgpiod.so.3) on gpiochip{chip}",
        };
        return $"Could not start {driver} (--gpio {Format(kind)}): {Causes(ex)}. {Advice}";
    }

    // libgpiod wraps the useful part ("No such file or directory") in inner exceptions, so show the chain.
    private static string Causes(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is not TypeInitializationException)
            {
                parts.Add($"{e.GetType().Name}: {FirstSentence(e.Message)}");
            }
        }

        return string.Join(" <- ", parts);
    }

    // DllNotFoundException lists every probed path over many lines; the first sentence says enough.
    private static string FirstSentence(string message)
    {
        var end = message.IndexOfAny(['\n', '\r']);
        var line = end < 0 ? message : message[..end];
        var stop = line.IndexOf(". ", StringComparison.Ordinal);
        return (stop < 0 ? line : line[..stop]).TrimEnd('.', ':', ' ');
    }
}
