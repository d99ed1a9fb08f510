namespace PiNeurons.Hardware.Gpio;

/// <summary>
/// Which libgpiod driver a real GPIO driver kind opens: <c>auto</c> takes libgpiod 2.x where its library loads,
/// since Trixie ships only that, and 1.x otherwise (Bookworm); a named driver is taken as named. Never the
/// register driver System.Device.Gpio picks on a Pi 3 or 4: it needs /dev/gpiomem, which the node's unit
/// does not allow.
/// </summary>
public static class LibgpiodRule
{
    /// <summary>The driver for <paramref name="requested"/> given the <paramref name="installed"/> libraries.</summary>
    /// <exception cref="GpioUnavailableException"><c>auto</c>, and no libgpiod loads.</exception>
    public static GpioDriverKind Choose(GpioDriverKind requested, LibgpiodLibraries installed) => requested switch
    {
        GpioDriverKind.Auto when installed.HasFlag(LibgpiodLibraries.V2) => GpioDriverKind.LibGpiodV2,
        GpioDriverKind.Auto when installed.HasFlag(LibgpiodLibraries.V1) => GpioDriverKind.LibGpiod,
        GpioDriverKind.Auto => throw new GpioUnavailableException(
            "No libgpiod to drive the GPIO chip: neither libgpiod.so.3 (libgpiod 2.x) nor libgpiod.so.2 (libgpiod 1.x) loads. "
            + "Install it (apt install libgpiod3 on Trixie, libgpiod2 on Bookworm), or run with --gpio simulated to use a simulated board."),
        GpioDriverKind.LibGpiod or GpioDriverKind.LibGpiodV2 => requested,
        _ => throw new ArgumentOutOfRangeException(nameof(requested), requested, "Not a libgpiod driver kind."),
    };

    /// <summary>How the start message names the library a driver kind loads.</summary>
    public static string Describe(GpioDriverKind driver) => driver == GpioDriverKind.LibGpiodV2 ? "libgpiod 2.x" : "libgpiod 1.x";
}
