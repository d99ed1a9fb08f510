namespace PiNeurons.Hardware.Gpio;

/// <summary>What a host's GPIO is opened on: the driver, and for a real one the chip and why it was picked.</summary>
/// <param name="Driver">The driver: <see cref="GpioDriverKind.Simulated"/>, or a libgpiod one (never <see cref="GpioDriverKind.Auto"/>).</param>
/// <param name="Chip">The chip, for a libgpiod driver.</param>
public sealed record GpioSelection(GpioDriverKind Driver, GpioChipChoice? Chip)
{
    /// <summary>The simulated board.</summary>
    public static GpioSelection Simulated { get; } = new(GpioDriverKind.Simulated, null);

    /// <summary>The node's start message after <c>GPIO: </c>, e.g.
    /// <c>libgpiod 2.x, chip gpiochip0 'pinctrl-rp1' (Raspberry Pi 5, 500 or CM5)</c>.</summary>
    public override string ToString() =>
        Chip is null ? "simulated board (no hardware)" : $"{LibgpiodRule.Describe(Driver)}, {Chip}";
}
