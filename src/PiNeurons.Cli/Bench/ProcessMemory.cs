using System.Globalization;

namespace PiNeurons.Cli.Bench;

/// <summary>A process's memory as Linux reports it in /proc/&lt;pid&gt;/status.</summary>
internal static class ProcessMemory
{
    /// <summary>The peak resident set (VmHWM) in KiB, or null when the process is gone or this is not Linux.</summary>
    public static long? PeakResidentKib(int pid) => Read(pid, "VmHWM:");

    private static long? Read(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    // "VmHWM:     56324 kB"
                    var digits = line.AsSpan(key.Length).Trim().TrimEnd("kB").Trim();
                    return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib : null;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
