using System.Formats.Tar;
using System.IO.Compression;
using PiNeurons.Cli.Commands;

namespace PiNeurons.Cli.Flash;

/// <summary>Packs a node bundle folder (deploy/publish-node.sh: NativeAOT, linux-arm64) into the tarball the Pi installs as its first release.</summary>
internal static class NodeBundle
{
    public const string Executable = "PiNeurons.Node";

    public const string VersionFile = "VERSION";

    public const string PublishHint =
        "make the bundle with: deploy/publish-node.sh (NativeAOT for linux-arm64, into out/arm64), "
        + "then give --bundle out/arm64 (or --no-bundle for config only)";

    /// <summary>Checks the folder holds the node executable and its VERSION; a usage error naming how to make it if not.</summary>
    public static void Check(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new CliUsageException($"--bundle {folder}: no such folder; {PublishHint}");
        }

        if (!File.Exists(Path.Combine(folder, Executable)))
        {
            throw new CliUsageException($"--bundle {folder}: no {Executable} in it (is it what deploy/publish-node.sh made?); {PublishHint}");
        }

        // The Pi installs the bundle as the release this file names (docs/upgrades.md).
        if (!File.Exists(Path.Combine(folder, VersionFile)))
        {
            throw new CliUsageException($"--bundle {folder}: no {VersionFile} file, which names the release on the Pi (a publish made before releases); {PublishHint}");
        }
    }

    /// <summary>Writes <paramref name="folder"/>'s contents as a .tar.gz; file modes (the executable bit) are kept.</summary>
    public static async Task WriteAsync(string folder, string tarGzPath, CancellationToken ct)
    {
        await using var file = File.Create(tarGzPath);
        await using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        await TarFile.CreateFromDirectoryAsync(folder, gzip, includeBaseDirectory: false, ct);
    }
}
