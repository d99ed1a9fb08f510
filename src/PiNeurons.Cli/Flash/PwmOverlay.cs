using PiNeurons.Cli.Commands;

namespace PiNeurons.Cli.Flash;

/// <summary>
/// The config.txt line that switches hardware-PWM pins to their PWM function, with the firmware's own overlays
/// (Raspberry Pi's overlays README): <c>pwm</c> takes one pin, <c>pwm-2chan</c> one pin of each PWM0/PWM1 pair,
/// PWM0 being GPIO 12 (function 4, ALT0) or 18 (function 2, ALT5) and PWM1 GPIO 13 (4) or 19 (2). A Pi 5 reads the
/// same lines (docs/outputs-wiring.md).
/// </summary>
internal static class PwmOverlay
{
    // GPIO -> (the pin of pwm-2chan it can be: 0 for pin=, 1 for pin2=; its function number).
    private static readonly Dictionary<int, (int Slot, int Function)> Pins = new()
    {
        [12] = (0, 4),
        [18] = (0, 2),
        [13] = (1, 4),
        [19] = (1, 2),
    };

    /// <summary>The <c>dtoverlay=</c> line for the hardware-PWM LEDs of <paramref name="host"/>, or null when it has none.</summary>
    /// <param name="host">The manifest host, for the message.</param>
    /// <param name="leds">Each hardware-PWM LED: its manifest path and its GPIO.</param>
    /// <exception cref="CliUsageException">A pin has no PWM function, or the pins need more than one of each pair.</exception>
    public static string? For(string host, IReadOnlyList<(string Part, int Pin)> leds)
    {
        ArgumentNullException.ThrowIfNull(leds);
        foreach (var (part, pin) in leds.Where(l => !Pins.ContainsKey(l.Pin)))
        {
            // The manifest reader already refuses such a pin; this guards the table lookups below.
            throw new CliUsageException($"host {host}: {part} is on GPIO {pin} with pwmChip/pwmChannel, but only GPIO 12, 13, 18 and 19 "
                + "have a hardware PWM channel: move the LED to one of them, or leave pwmChip/pwmChannel out for software PWM");
        }

        var pins = leds.Select(l => l.Pin).Distinct().OrderBy(p => Pins[p].Slot).ToList();
        if (pins.Count == 0)
        {
            return null;
        }

        if (pins.Count > 2 || (pins.Count == 2 && Pins[pins[0]].Slot == Pins[pins[1]].Slot))
        {
            throw new CliUsageException($"host {host}: hardware PWM on GPIO {string.Join(" and ", pins)}: flash switches on one pin of GPIO 12/18 and one of "
                + "GPIO 13/19 (dtoverlay=pwm-2chan); give the other LEDs software PWM (leave pwmChip/pwmChannel out)");
        }

        var first = $"pin={pins[0]},func={Pins[pins[0]].Function}";
        return pins.Count == 1
            ? "dtoverlay=pwm," + first
            : $"dtoverlay=pwm-2chan,{first},pin2={pins[1]},func2={Pins[pins[1]].Function}";
    }
}
