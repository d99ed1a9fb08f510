using System.Buffers.Binary;

namespace PiNeurons.Cli.Tests.Flash;

/// <summary>Makes a small disk image like a Raspberry Pi OS .img: an MBR, and a FAT32 partition (type 0x0c) made by mkfs.vfat.</summary>
internal static class FlashImage
{
    public const string Install = "install mtools dosfstools (sudo apt-get install mtools dosfstools), or run " + FlashScratch.SetupScript;

    /// <summary>A first sector with one partition entry and the 55 AA signature.</summary>
    public static byte[] Mbr(byte partitionType, uint firstLba, uint sectors)
    {
        var sector = new byte[512];
        var entry = sector.AsSpan(446, 16);
        entry[4] = partitionType;
        BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], firstLba);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], sectors);
        sector[510] = 0x55;
        sector[511] = 0xAA;
        return sector;
    }

    /// <summary>A 72 MiB image whose FAT32 partition starts at 4 MiB, as Raspberry Pi OS's bootfs does.</summary>
    public static async Task<(string Path, long Offset)> CreateAsync(string folder)
    {
        const uint firstLba = 8192;
        const long size = 72L * 1024 * 1024;
        var path = Path.Combine(folder, "raspios.img");
        var sectors = (uint)((size / 512) - firstLba);
        await using (var file = File.Create(path))
        {
            file.SetLength(size);
            await file.WriteAsync(Mbr(0x0C, firstLba, sectors));
        }

        var mkfs = Tool.Require("mkfs.vfat", Install);
        var (code, _, error) = await Tool.RunAsync(mkfs, ["-F", "32", "-n", "bootfs", "--offset", firstLba.ToString(System.Globalization.CultureInfo.InvariantCulture), path, (sectors / 2).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.True(code == 0, "mkfs.vfat failed: " + error);
        return (path, firstLba * 512L);
    }

    /// <summary>A file of the image's FAT partition, read back with mtools' mtype.</summary>
    public static async Task<string> ReadAsync(string image, long offset, string name)
    {
        var mtype = Tool.Require("mtype", Install);
        var (code, output, error) = await Tool.RunAsync(mtype, ["-i", $"{image}@@{offset}", "::/" + name], Env);
        Assert.True(code == 0, $"mtype {name} failed: {error}");
        return output;
    }

    public static async Task CopyOutAsync(string image, long offset, string name, string target)
    {
        var mcopy = Tool.Require("mcopy", Install);
        var (code, _, error) = await Tool.RunAsync(mcopy, ["-i", $"{image}@@{offset}", "::/" + name, target], Env);
        Assert.True(code == 0, $"mcopy {name} failed: {error}");
    }

    public static async Task<string> ListAsync(string image, long offset)
    {
        var mdir = Tool.Require("mdir", Install);
        var (code, output, error) = await Tool.RunAsync(mdir, ["-i", $"{image}@@{offset}", "-b", "::/"], Env);
        Assert.True(code == 0, "mdir failed: " + error);
        return output;
    }

    private static Dictionary<string, string> Env => new() { ["MTOOLS_SKIP_CHECK"] = "1" };
}
