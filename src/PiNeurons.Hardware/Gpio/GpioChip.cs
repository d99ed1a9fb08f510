using System.Globalization;

namespace PiNeurons.Hardware.Gpio;

/// <summary>One GPIO chip of the kernel, as <c>gpiodetect</c> shows it: <c>/dev/gpiochip{Number}</c>, its label
/// and how many lines it has.</summary>
/// <param name="Number">N of <c>/dev/gpiochipN</c>: what the libgpiod drivers take.</param>
/// <param name="Label">The label its kernel driver gives it, e.g. <c>pinctrl-rp1</c>; empty when unreadable.</param>
/// <param name="Lines">How many lines it has; 0 when unreadable.</param>
public sealed record GpioChip(int Number, string Label, int Lines)
{
    /// <summary>Why the chip's label and lines could not be read (no permission, not a GPIO chip); null when read.</summary>
    public string? Problem { get; init; }

    /// <summary>The chip's device name, <c>gpiochipN</c>.</summary>
    public string Name => "gpiochip" + Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>As error messages and the start message list it: <c>gpiochip0 'pinctrl-rp1' (54 lines)</c>.</summary>
    public override string ToString() =>
        Problem is null ? $"{Name} '{Label}' ({Lines.ToString(CultureInfo.InvariantCulture)} lines)" : $"{Name} (unreadable: {Problem})";
}
