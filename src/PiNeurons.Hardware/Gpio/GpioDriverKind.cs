namespace PiNeurons.Hardware.Gpio;

/// <summary>Which GPIO driver a <see cref="GpioControllerFactory"/> builds the controller on.</summary>
public enum GpioDriverKind
{
    /// <summary>The in-memory <see cref="SimulatedGpioDriver"/>: no hardware needed.</summary>
    Simulated,

    /// <summary>libgpiod 2.x where <c>libgpiod.so.3</c> loads, else 1.x (<see cref="LibgpiodRule"/>).</summary>
    Auto,

    /// <summary>libgpiod v1 (<c>libgpiod.so.2</c>, Debian package <c>libgpiod2</c>): Raspberry Pi OS Bookworm.</summary>
    LibGpiod,

    /// <summary>libgpiod v2 (<c>libgpiod.so.3</c>, Debian package <c>libgpiod3</c>): Trixie images, Pi 5 on Trixie.</summary>
    LibGpiodV2,
}
