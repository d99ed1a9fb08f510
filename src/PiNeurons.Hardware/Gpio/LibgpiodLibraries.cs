namespace PiNeurons.Hardware.Gpio;

/// <summary>Which libgpiod libraries load on this machine.</summary>
[Flags]
public enum LibgpiodLibraries
{
    /// <summary>Neither.</summary>
    None = 0,

    /// <summary>libgpiod 1.x, <c>libgpiod.so.2</c> (Debian package <c>libgpiod2</c>: Raspberry Pi OS Bookworm).</summary>
    V1 = 1,

    /// <summary>libgpiod 2.x, <c>libgpiod.so.3</c> (Debian package <c>libgpiod3</c>: Raspberry Pi OS Trixie).</summary>
    V2 = 2,
}
