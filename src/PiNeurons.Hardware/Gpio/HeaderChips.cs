namespace PiNeurons.Hardware.Gpio;

/// <summary>
/// The labels the Raspberry Pi kernels give the chip wired to the 40-pin header, and the boards that carry it.
/// The label is stable where the number is not: a Pi 5's header chip was gpiochip4 on early kernels and is
/// gpiochip0 on later ones, with the SoC's own chips moved to 10 and up.
/// </summary>
public static class HeaderChips
{
    /// <summary>Header chip label to the boards it is found on.</summary>
    public static IReadOnlyDictionary<string, string> Boards { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // The bcm2835 driver labels its chip by the SoC it was probed for: bcm2835 up to the Pi 3, bcm2711 on the Pi 4.
        ["pinctrl-bcm2835"] = "Raspberry Pi 3, Zero 2 W, 2 or 1",
        ["pinctrl-bcm2711"] = "Raspberry Pi 4, 400 or CM4",
        // The Pi 5's header is wired to RP1, its I/O controller, not to the SoC.
        ["pinctrl-rp1"] = "Raspberry Pi 5, 500 or CM5",
    };

    /// <summary>The known labels with their boards, for messages: <c>pinctrl-rp1 (Raspberry Pi 5, ...)</c>.</summary>
    public static string Describe() => string.Join(", ", Boards.Select(b => $"{b.Key} ({b.Value})"));
}
