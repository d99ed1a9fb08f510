namespace PiNeurons.Hardware.Gpio;

/// <summary>The chip the rule picked and why, as the start message says it.</summary>
/// <param name="Chip">The chip.</param>
/// <param name="Reason">The board its label belongs to, or which manifest field named it.</param>
public sealed record GpioChipChoice(GpioChip Chip, string Reason)
{
    /// <summary><c>chip gpiochip0 'pinctrl-rp1' (Raspberry Pi 5, 500 or CM5)</c>.</summary>
    public override string ToString() => $"chip {Chip.Name} '{Chip.Label}' ({Reason})";
}
