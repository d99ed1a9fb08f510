using System.Globalization;

namespace PiNeurons.Hardware.Gpio;

/// <summary>
/// Which chip a host's pins are on: the one the manifest names (gpio.chip, gpio.label, or both, which must
/// agree), else the one chip carrying a Raspberry Pi header label (<see cref="HeaderChips"/>). Pure: it
/// decides from the list it is given, so every board's layout is a test case.
/// </summary>
public static class GpioChipRule
{
    /// <summary>Picks the chip for <paramref name="request"/> among <paramref name="chips"/>.</summary>
    /// <exception cref="GpioUnavailableException">No chip fits, or several do; the message lists the chips found.</exception>
    public static GpioChipChoice Choose(IReadOnlyList<GpioChip> chips, GpioChipRequest request)
    {
        ArgumentNullException.ThrowIfNull(chips);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Number is { } number)
        {
            return Named(chips, number, request.Label);
        }

        if (request.Label is { } label)
        {
            return new GpioChipChoice(One(chips, c => c.Label == label, $"no chip is labelled '{label}' (gpio.label)", $"labelled '{label}'"), "named by gpio.label");
        }

        var header = One(chips, c => HeaderChips.Boards.ContainsKey(c.Label), "no chip carries the label of a Raspberry Pi header", "carry a header label");
        return new GpioChipChoice(header, HeaderChips.Boards[header.Label]);
    }

    // A chip named by number is taken as named, label or not (a board this rule does not know); with a label
    // too, the label must match, so a manifest written for one image does not drive the wrong chip on another.
    private static GpioChipChoice Named(IReadOnlyList<GpioChip> chips, int number, string? label)
    {
        var chip = chips.FirstOrDefault(c => c.Number == number)
            ?? throw Unavailable($"gpio.chip {number.ToString(CultureInfo.InvariantCulture)}: there is no gpiochip{number.ToString(CultureInfo.InvariantCulture)}", chips);
        if (label is not null && chip.Label != label)
        {
            throw Unavailable($"gpio.chip {chip.Number.ToString(CultureInfo.InvariantCulture)} is {chip}, not labelled '{label}' (gpio.label)", chips);
        }

        return new GpioChipChoice(chip, label is null ? "named by gpio.chip" : "named by gpio.chip and gpio.label");
    }

    private static GpioChip One(IReadOnlyList<GpioChip> chips, Func<GpioChip, bool> fits, string none, string several)
    {
        var found = chips.Where(c => c.Problem is null && fits(c)).ToList();
        return found.Count switch
        {
            1 => found[0],
            0 => throw Unavailable(none, chips),
            // Two would be a layout no Pi has: guessing could drive a line nobody wired.
            _ => throw Unavailable($"{found.Count.ToString(CultureInfo.InvariantCulture)} chips {several} ({string.Join(", ", found.Select(c => c.Name))}): name one with gpio.chip", chips),
        };
    }

    private static GpioUnavailableException Unavailable(string problem, IReadOnlyList<GpioChip> chips)
    {
        var found = chips.Count == 0
            ? "No GPIO chips were found (no /dev/gpiochip*)."
            : $"GPIO chips found: {string.Join(", ", chips)}.";
        return new GpioUnavailableException(
            $"No GPIO chip to use: {problem}. {found} The header's chip is labelled {HeaderChips.Describe()}. "
            + "Name the chip in the manifest (gpio.chip: N or gpio.label: LABEL, as gpiodetect shows them), "
            + "or run with --gpio simulated to use a simulated board.");
    }
}
