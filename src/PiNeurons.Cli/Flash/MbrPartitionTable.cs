using System.Buffers.Binary;

namespace PiNeurons.Cli.Flash;

/// <summary>
/// Reads the MBR partition table of a disk image to find the FAT boot partition, as Raspberry Pi OS images
/// have it (partition 1, type 0x0c). Pure: it only looks at the first 512 bytes.
/// </summary>
internal static class MbrPartitionTable
{
    public const int SectorSize = 512;

    /// <summary>The byte offset of the first FAT partition, or an error saying why there is none.</summary>
    public static long FindFirstFatOffset(ReadOnlySpan<byte> sector0, out string? problem)
    {
        problem = null;
        if (sector0.Length < SectorSize || sector0[510] != 0x55 || sector0[511] != 0xAA)
        {
            problem = "no MBR partition table (the first sector does not end in 55 AA): is this a Raspberry Pi OS .img (uncompressed)?";
            return -1;
        }

        // Four 16-byte entries at 446: status, CHS, type at +4, CHS, first LBA at +8, sector count at +12.
        for (var i = 0; i < 4; i++)
        {
            var entry = sector0.Slice(446 + (16 * i), 16);
            var type = entry[4];
            var firstLba = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
            var sectors = BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]);
            if (type == 0xEE)
            {
                problem = "the image has a GPT partition table; only MBR images (Raspberry Pi OS) are supported";
                return -1;
            }

            if (IsFat(type) && firstLba > 0 && sectors > 0)
            {
                return (long)firstLba * SectorSize;
            }
        }

        problem = "no FAT partition in the MBR partition table (types 01, 04, 06, 0b, 0c, 0e)";
        return -1;
    }

    private static bool IsFat(byte type) => type is 0x01 or 0x04 or 0x06 or 0x0B or 0x0C or 0x0E;
}
