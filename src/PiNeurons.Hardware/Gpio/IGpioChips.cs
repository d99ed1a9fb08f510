namespace PiNeurons.Hardware.Gpio;

/// <summary>Lists the GPIO chips of this machine: where the chip rule gets what it picks from.</summary>
public interface IGpioChips
{
    /// <summary>Every chip, by ascending number; empty on a machine without GPIO.</summary>
    IReadOnlyList<GpioChip> List();
}
