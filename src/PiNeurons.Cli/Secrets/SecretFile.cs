namespace PiNeurons.Cli.Secrets;

/// <summary>
/// Writes one output file with its final permissions from the first byte: a temp file created with the
/// mode, then renamed over the target, so a key is never readable by others even for an instant, and an
/// interrupted run leaves the old file or the new one, never half of one.
/// </summary>
internal static class SecretFile
{
    /// <summary>Owner read/write only: private keys and passwords.</summary>
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Readable by all: certificates, and the broker's dynamic-security file, which Mosquitto reads after dropping root
    /// for its own user (docs/security.md); it holds hashes of random passwords only.</summary>
    public const UnixFileMode Public = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static void Write(string path, string text, UnixFileMode mode)
    {
        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // The process umask may have narrowed the create mode (0644 under umask 077 becomes 0600).
                File.SetUnixFileMode(temp, mode);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Creates <paramref name="path"/> (and parents) with <paramref name="mode"/> when missing.</summary>
    public static void EnsureDirectory(string path, UnixFileMode mode)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, mode);
        }
    }
}
