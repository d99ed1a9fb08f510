namespace PiNeurons.Node.Persistence;

/// <summary>
/// Replaces a file so that after kill -9 or a power cut it holds either the old or the new bytes, never a
/// torn mix: write a temp file beside it, fsync it, rename it over the old one, fsync the directory.
/// </summary>
internal static class DurableFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> durably. With
    /// <paramref name="previousAs"/>, the bytes it replaces are first copied there the same way.</summary>
    public static void Write(string directory, string path, ReadOnlySpan<byte> bytes, string? previousAs = null)
    {
        Directory.CreateDirectory(directory);
        if (previousAs is not null && File.Exists(path))
        {
            // Copied, not renamed away: a rename would leave an instant with no current file, and a crash
            // there would start the neuron from the backup with an error event although nothing was lost.
            Replace(previousAs, File.ReadAllBytes(path));
            DirectorySync.Flush(directory);
        }

        Replace(path, bytes);
        DirectorySync.Flush(directory);
    }

    private static void Replace(string path, ReadOnlySpan<byte> bytes)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
