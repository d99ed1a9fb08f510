using System.Runtime.InteropServices;
using System.Text;
using PiNeurons.Hardware.Gpio;

namespace PiNeurons.Hardware.Tests.Gpio;

/// <summary>
/// The chip reader on a folder standing in for /dev: which entries are chips, in what order, and what an entry
/// that is not a chip's device reports. Reading real chips is tested in the VM stage (RealGpio).
/// </summary>
public sealed class GpioChipDevicesTests : IDisposable
{
    private readonly string _dev = Directory.CreateTempSubdirectory("pineurons-dev-").FullName;

    public void Dispose() => Directory.Delete(_dev, recursive: true);

    [Fact]
    public void List_ChipEntries_ByNumberNotByName()
    {
        foreach (var name in new[] { "gpiochip10", "gpiochip2", "gpiochip0", "gpiochip", "gpiochip1x", "gpiomem", "ttyS0" })
        {
            File.WriteAllText(Path.Combine(_dev, name), string.Empty);
        }

        var chips = new GpioChipDevices(_dev).List();

        Assert.Equal(new[] { 0, 2, 10 }, chips.Select(c => c.Number));
    }

    [Fact]
    public void List_AFileThatIsNotAChip_ListedAsUnreadableNotAsAChip()
    {
        File.WriteAllText(Path.Combine(_dev, "gpiochip0"), "not a device");

        var chip = Assert.Single(new GpioChipDevices(_dev).List());

        Assert.Equal("not a GPIO chip", chip.Problem);
        Assert.Equal("gpiochip0 (unreadable: not a GPIO chip)", chip.ToString());
    }

    [Fact]
    public void List_NoSuchFolder_NoChips()
    {
        Assert.Empty(new GpioChipDevices(Path.Combine(_dev, "absent")).List());
    }

    [Fact]
    public void Decode_StructAsTheKernelFillsIt_LabelUpToItsNulAndLines()
    {
        var info = new byte[ChipInfoIoctl.InfoSize];
        Encoding.ASCII.GetBytes("gpiochip4").CopyTo(info, 0);
        Encoding.ASCII.GetBytes("pinctrl-rp1").CopyTo(info, 32);
        MemoryMarshal.Write(info.AsSpan(64), 54u);

        Assert.Equal(("pinctrl-rp1", 54), ChipInfoIoctl.Decode(info));
    }

    [Fact]
    public void Decode_LabelFillingAll32Bytes_KeptWhole()
    {
        // The kernel always terminates it; a full field still must not read past it into the line count.
        var info = new byte[ChipInfoIoctl.InfoSize];
        info.AsSpan(32, 32).Fill((byte)'x');
        MemoryMarshal.Write(info.AsSpan(64), 8u);

        Assert.Equal((new string('x', 32), 8), ChipInfoIoctl.Decode(info));
    }
}
