using PiNeurons.Core;
using System.Formats.Tar;
using System.IO.Compression;
using PiNeurons.Cli.Tests.Commands;

namespace PiNeurons.Cli.Tests.Flash;

/// <summary>mtools and mkfs.vfat are Linux tools, as are the Pi images: these tests are Linux-only.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class FlashImageTests
{
    [Fact]
    public async Task Flash_IntoFatImage_FilesReadBackWithMtools()
    {
        Tool.Require("mcopy", FlashImage.Install);
        using var scratch = new FlashScratch();
        var (image, offset) = await FlashImage.CreateAsync(scratch.Root);
        var bundle = Directory.CreateDirectory(Path.Combine(scratch.Root, "arm64")).FullName;
        var exe = Path.Combine(bundle, "PiNeurons.Node");
        await File.WriteAllTextAsync(exe, "#!/bin/sh\n");
        File.SetUnixFileMode(exe, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        await File.WriteAllTextAsync(Path.Combine(bundle, "VERSION"), "0.1.0+abc\n");
        var key = scratch.Write("k.pub", FlashScratch.TestKey() + "\n");
        var password = scratch.Write("wifi.txt", "correct horse battery\n");

        var result = await CliRun.RunAsync(
            "flash", "--manifest", FlashScratch.XorManifest, "--node", "pi-h2", "--ssh-key", key, "--bundle", bundle,
            "--wifi-ssid", "lab", "--wifi-country", "de", "--wifi-password-file", password, "--image", image);

        Assert.True(result.ExitCode == 0, result.ToString());
        var files = await FlashImage.ListAsync(image, offset);
        Assert.Contains("pineurons-node.tar.gz", files, StringComparison.Ordinal);
        Assert.Contains("hostname: \"pi-h2\"", await FlashImage.ReadAsync(image, offset, "user-data"), StringComparison.Ordinal);
        Assert.Contains("password: \"correct horse battery\"", await FlashImage.ReadAsync(image, offset, "network-config"), StringComparison.Ordinal);
        Assert.Contains("instance-id: \"pineurons-pi-h2\"", await FlashImage.ReadAsync(image, offset, "meta-data"), StringComparison.Ordinal);

        var tarGz = Path.Combine(scratch.Root, "back.tar.gz");
        await FlashImage.CopyOutAsync(image, offset, "pineurons-node.tar.gz", tarGz);
        await using var gzip = new GZipStream(File.OpenRead(tarGz), CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        var entries = new Dictionary<string, TarEntry>(StringComparer.Ordinal);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            entries[entry.Name.TrimStart('.', '/')] = entry;
        }

        Assert.Equal(["PiNeurons.Node", "VERSION"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.True(entries["PiNeurons.Node"].Mode.HasFlag(UnixFileMode.UserExecute), "the node executable lost its executable bit");
    }

    [Fact]
    public async Task Flash_TwiceIntoSameImage_ReplacesFiles()
    {
        Tool.Require("mcopy", FlashImage.Install);
        using var scratch = new FlashScratch();
        var (image, offset) = await FlashImage.CreateAsync(scratch.Root);
        var key = scratch.Write("k.pub", FlashScratch.TestKey() + "\n");

        var first = await CliRun.RunAsync("flash", "--manifest", FlashScratch.XorManifest, "--node", "pi-x", "--ssh-key", key, "--no-bundle", "--image", image);
        var second = await CliRun.RunAsync("flash", "--manifest", FlashScratch.XorManifest, "--node", "pi-y", "--ssh-key", key, "--no-bundle", "--image", image);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("hostname: \"pi-y\"", await FlashImage.ReadAsync(image, offset, "user-data"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flash_ImageWithoutPartitionTable_UsageError()
    {
        using var scratch = new FlashScratch();
        var image = scratch.Write("blank.img", new string('\0', 4096));
        var key = scratch.Write("k.pub", FlashScratch.TestKey() + "\n");

        var result = await CliRun.RunAsync("flash", "--manifest", FlashScratch.XorManifest, "--node", "pi-x", "--ssh-key", key, "--no-bundle", "--image", image);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("no MBR partition table", result.Error, StringComparison.Ordinal);
    }
}
