namespace PiNeurons.Node.Persistence;

/// <summary>
/// Replaces a file so that after kill -9 or a power cut it holds either the old or the new bytes, never a
/// torn mix: write a temp file beside it, fsync it, rename it over the old one, fsync the directory.
/// </summary>
internal static class DurableFile
{
    public static void Write(string directory, string path, ReadOnlySpan<byte> bytes)
    {
        Directory.CreateDirectory(directory);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        DirectorySync.Flush(directory);
    }
}
