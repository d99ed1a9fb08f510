using System.ComponentModel;
using System.Diagnostics;
using PiNeurons.Cli.Commands;

namespace PiNeurons.Cli.Flash;

/// <summary>
/// Copies files into the FAT boot partition of a disk image with mtools (<c>mcopy -i IMAGE@@OFFSET</c>):
/// no root, no loop device, no mount.
/// </summary>
internal static class FatImageWriter
{
    /// <summary>The byte offset of the image's first FAT partition; a usage error when it has none.</summary>
    public static long FindBootPartition(string image)
    {
        var sector0 = new byte[MbrPartitionTable.SectorSize];
        try
        {
            using var file = File.OpenRead(image);
            file.ReadAtLeast(sector0, sector0.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--image: cannot read {image}: {ex.Message}");
        }

        var offset = MbrPartitionTable.FindFirstFatOffset(sector0, out var problem);
        return offset >= 0 ? offset : throw new CliUsageException($"--image {image}: {problem}");
    }

    /// <summary>Copies each file of <paramref name="folder"/> to the root of the partition, replacing files of the same name.</summary>
    public static async Task CopyAsync(string image, long offset, string folder, CancellationToken ct)
    {
        var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();
        var start = new ProcessStartInfo("mcopy")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-i");
        start.ArgumentList.Add($"{image}@@{offset}");
        start.ArgumentList.Add("-o"); // overwrite: flashing twice replaces the files instead of asking
        start.ArgumentList.Add("-D");
        start.ArgumentList.Add("o");
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        start.ArgumentList.Add("::/");
        // Images are not whole cylinders; mtools refuses them without this.
        start.Environment["MTOOLS_SKIP_CHECK"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("mcopy did not start");
        }
        catch (Win32Exception)
        {
            throw new CliUsageException("--image needs mtools (mcopy): sudo apt-get install mtools");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            await stdout;
            if (process.ExitCode != 0)
            {
                throw new FlashFailedException($"mcopy into {image} at offset {offset} failed (exit {process.ExitCode}): {(await stderr).Trim()}");
            }
        }
    }
}

/// <summary>Writing the boot files failed after the command line was accepted: exit 1.</summary>
internal sealed class FlashFailedException(string message) : Exception(message);
