using System.Device.Gpio;
using System.Device.Gpio.Drivers;

namespace PiNeurons.Hardware.Gpio;

/// <summary>
/// Builds the one <see cref="GpioController"/> of a host (the composition root calls it once): picks the driver
/// (<see cref="LibgpiodRule"/>) and the chip (<see cref="GpioChipRule"/>), and turns the many ways a missing GPIO
/// stack fails into one <see cref="GpioUnavailableException"/>.
/// </summary>
public static class GpioControllerFactory
{
    private const string Advice =
        "Run with --gpio simulated to use a simulated board, or install libgpiod " +
        "(apt install libgpiod2 on Bookworm, libgpiod3 on Trixie) and check that your user is in the gpio group.";

    /// <summary>Opens the GPIO of a host: the simulated board, or the chip the rules pick among <paramref name="chips"/>.</summary>
    /// <param name="kind">The driver asked for (<c>--gpio</c> or gpio.driver).</param>
    /// <param name="request">The chip the manifest names, if any.</param>
    /// <param name="chips">This machine's GPIO chips (<see cref="GpioChipDevices"/>); not read for a simulated board.</param>
    /// <param name="simulated">For <see cref="GpioDriverKind.Simulated"/>: the board to use, so a caller can drive it.</param>
    /// <exception cref="GpioUnavailableException">No chip fits, no libgpiod loads, or the driver cannot open the chip.</exception>
    public static OpenedGpio Open(GpioDriverKind kind, GpioChipRequest request, IGpioChips chips, SimulatedGpioDriver? simulated = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(chips);
        if (kind == GpioDriverKind.Simulated)
        {
            return new OpenedGpio(new GpioController(simulated ?? new SimulatedGpioDriver()), GpioSelection.Simulated);
        }

        // Only auto needs to know which libraries load; a named driver reports its own missing library.
        var installed = kind == GpioDriverKind.Auto ? LibgpiodProbe.Installed() : LibgpiodLibraries.None;
        var selection = Select(kind, request, chips.List(), installed);
        var chip = selection.Chip!.Chip.Number;
        return new OpenedGpio(
            Guard(kind, selection, () => new GpioController(selection.Driver == GpioDriverKind.LibGpiodV2 ? new LibGpiodV2Driver(chip) : new LibGpiodDriver(chip))),
            selection);
    }

    /// <summary>
    /// Decides, without touching hardware, what <see cref="Open"/> opens: the chip first (so a machine with no
    /// fitting chip says which chips it has, whatever libraries it lacks), then the libgpiod driver.
    /// </summary>
    /// <exception cref="GpioUnavailableException">No chip fits, or <c>auto</c> finds no libgpiod.</exception>
    public static GpioSelection Select(GpioDriverKind kind, GpioChipRequest request, IReadOnlyList<GpioChip> chips, LibgpiodLibraries installed)
    {
        if (kind == GpioDriverKind.Simulated)
        {
            return GpioSelection.Simulated;
        }

        var chip = GpioChipRule.Choose(chips, request);
        return new GpioSelection(LibgpiodRule.Choose(kind, installed), chip);
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

    // The failures differ by board and image: DllNotFoundException without libgpiod, GpiodException or IOException
    // from libgpiod itself, UnauthorizedAccess outside the gpio group. All mean the same to the user, so all are
    // caught here, at the one place hardware is created.
    private static GpioController Guard(GpioDriverKind kind, GpioSelection selection, Func<GpioController> create)
    {
        try
        {
            return create();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new GpioUnavailableException(Describe(kind, selection, ex), ex);
        }
    }

    private static string Describe(GpioDriverKind kind, GpioSelection selection, Exception ex)
    {
        var driver = selection.Driver == GpioDriverKind.LibGpiodV2
            ? "the libgpiod 2.x driver (LibGpiodV2Driver, libgpiod.so.3)"
            : "the libgpiod 1.x driver (LibGpiodDriver, libgpiod.so.2)";
        return $"Could not open {selection.Chip} with {driver} (--gpio {Format(kind)}): {Causes(ex)}. {Advice}";
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
