namespace PiNeurons.Node.Persistence;

/// <summary>
/// Replaces a file so that after kill -9 or a power cut it holds either the old or the new bytes, never a
/// torn mix: write a temp file beside it, fsync it, rename it over the old one, fsync the directory.
/// </summary>
internal static class DurableFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> durably. With
    /// <paramref name="previousAs"/>, the file it replaces is first renamed there: a crash between the two
    /// renames leaves no <paramref name="path"/> but a complete previous copy (and the new one in the temp file).</summary>
    public static void Write(string directory, string path, ReadOnlySpan<byte> bytes, string? previousAs = null)
    {
        Directory.CreateDirectory(directory);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        if (previousAs is not null && File.Exists(path))
        {
            File.Move(path, previousAs, overwrite: true);
        }

        File.Move(temp, path, overwrite: true);
        DirectorySync.Flush(directory);
    }
}
