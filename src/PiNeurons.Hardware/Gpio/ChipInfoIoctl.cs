using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PiNeurons.Hardware.Gpio;

/// <summary>
/// GPIO_GET_CHIPINFO_IOCTL on a chip's character device (linux/gpio.h): the kernel fills a
/// <c>struct gpiochip_info { char name[32]; char label[32]; __u32 lines; }</c>. Read directly rather than
/// through libgpiod, so the chips can be listed when no libgpiod loads.
/// </summary>
internal static partial class ChipInfoIoctl
{
    /// <summary>The size of struct gpiochip_info.</summary>
    public const int InfoSize = 68;

    private const int NameSize = 32;
    private const int LabelSize = 32;

    // _IOR(0xB4, 0x01, struct gpiochip_info) in the asm-generic encoding that arm, arm64 and x86 share:
    // direction read (2) in bits 30-31, the struct's size in bits 16-29, the type 0xB4, the number 0x01.
    private const uint GetChipInfo = (2u << 30) | ((uint)InfoSize << 16) | (0xB4u << 8) | 0x01u;

    // ENOTTY: the file takes no such ioctl, so it is not a GPIO chip.
    private const int NotATypewriter = 25;

    /// <summary>The label and line count of the chip at <paramref name="path"/>.</summary>
    /// <exception cref="UnauthorizedAccessException">No permission to open it.</exception>
    /// <exception cref="IOException">It cannot be opened or is not a GPIO chip.</exception>
    public static (string Label, int Lines) Read(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        var info = new byte[InfoSize];
        if (Ioctl(handle, GetChipInfo, ref info[0]) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(errno == NotATypewriter
                ? "not a GPIO chip"
                : $"GPIO_GET_CHIPINFO failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        return Decode(info);
    }

    /// <summary>The label and line count in a struct gpiochip_info as the kernel filled it.</summary>
    public static (string Label, int Lines) Decode(ReadOnlySpan<byte> info)
    {
        if (info.Length != InfoSize)
        {
            throw new ArgumentException($"struct gpiochip_info is {InfoSize} bytes, not {info.Length}", nameof(info));
        }

        var label = info.Slice(NameSize, LabelSize);
        var end = label.IndexOf((byte)0);
        // Native byte order: the kernel wrote it on this machine.
        var lines = MemoryMarshal.Read<uint>(info[(NameSize + LabelSize)..]);
        return (System.Text.Encoding.UTF8.GetString(end < 0 ? label : label[..end]), (int)Math.Min(lines, int.MaxValue));
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(SafeFileHandle fd, nuint request, ref byte info);
}
