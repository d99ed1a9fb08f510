namespace PiNeurons.Hardware.Gpio;

/// <summary>Which chip the manifest names for a host: by number, by label, both, or neither (the header's chip,
/// found by label).</summary>
/// <param name="Number">gpio.chip, when given.</param>
/// <param name="Label">gpio.label, when given.</param>
public sealed record GpioChipRequest(int? Number = null, string? Label = null)
{
    /// <summary>Names no chip: the 40-pin header's chip is found by its label.</summary>
    public static GpioChipRequest Header { get; } = new();
}
