using System.Globalization;

namespace PiNeurons.Node.Tests.Support;

/// <summary>
/// A process's memory as Linux reports it in <c>/proc/&lt;pid&gt;/status</c>: a resource bound that tests
/// assert on (a flood must not grow the node without limit), never a timing figure.
/// </summary>
public static class ProcessMemory
{
    /// <summary>Generous on purpose: a .NET node idles near 60-90 MB; unbounded growth under 100,000
    /// messages would pass it by far, while GC timing and the machine's load stay well inside it.</summary>
    public const long BoundBytes = 400L * 1024 * 1024;

    /// <summary>Resident set size now (<c>VmRSS</c>), in bytes.</summary>
    public static long Resident(int pid) => Read(pid, "VmRSS:");

    /// <summary>The peak resident set size since the process started (<c>VmHWM</c>), in bytes: catches a
    /// spike in the middle of a flood that a before/after reading would miss.</summary>
    public static long Peak(int pid) => Read(pid, "VmHWM:");

    /// <summary>Megabytes, for test output.</summary>
    public static string Describe(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private static long Read(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                // "VmRSS:     123456 kB"
                var kb = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no {field}");
    }
}
