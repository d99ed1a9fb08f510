using System.Runtime.InteropServices;

namespace PiNeurons.Node.Persistence;

/// <summary>
/// fsync on a directory, so a rename is durable: without it a power cut right after the rename can
/// bring back the old directory entry. .NET has no API for it, hence the libc calls (Linux only; the
/// node runs on Linux, elsewhere this is a no-op).
/// </summary>
internal static partial class DirectorySync
{
    // O_RDONLY: Linux opens a directory read-only without O_DIRECTORY, whose value differs between arm and arm64.
    private const int ReadOnly = 0;

    public static void Flush(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(path, ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {path} to fsync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory {path} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
