using System.Globalization;

namespace PiNeurons.Aggregator.Metrics;

/// <summary>
/// Reads the figures out of the text of <c>/proc</c> files, as proc(5) lays them out. Pure: each method returns null
/// for text it does not recognise.
/// </summary>
internal static class ProcText
{
    /// <summary>From <c>/proc/[pid]/stat</c>: user and system CPU time and the start time, in clock ticks since boot.</summary>
    public static (long UserTicks, long SystemTicks, long StartTicks)? Stat(string text)
    {
        // The command name (field 2) is in parentheses and may hold spaces and parentheses itself: the fields that
        // follow are counted from the last closing one. Field 3 (state) is then the first.
        var close = text.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int First = 3;
        const int Utime = 14, Stime = 15, StartTime = 22;
        return fields.Length > StartTime - First
            && long.TryParse(fields[Utime - First], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            && long.TryParse(fields[Stime - First], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
            && long.TryParse(fields[StartTime - First], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? (user, system, start)
            : null;
    }

    /// <summary>From <c>/proc/[pid]/status</c>: a field given in kB (<c>VmRSS</c>, <c>VmSize</c>), in bytes.</summary>
    public static long? StatusBytes(string text, string field)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var parts = line[(field.Length + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                return parts is [var number, "kB"] && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
            }
        }

        return null;
    }

    /// <summary>From <c>/proc/[pid]/limits</c>: the soft limit on open files; null when unlimited.</summary>
    public static long? MaxOpenFiles(string text)
    {
        const string Row = "Max open files";
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(Row, StringComparison.Ordinal))
            {
                var soft = line[Row.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit : null;
            }
        }

        return null;
    }

    /// <summary>From <c>/proc/stat</c>: the boot time, in seconds since the Unix epoch.</summary>
    public static long? BootTime(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("btime ", StringComparison.Ordinal))
            {
                return long.TryParse(line.AsSpan(6).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
            }
        }

        return null;
    }
}
