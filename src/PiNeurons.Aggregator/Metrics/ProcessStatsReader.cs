namespace PiNeurons.Aggregator.Metrics;

/// <summary>
/// Reads <see cref="ProcessStats"/> of the running process from <c>/proc</c>, at each scrape: the figures Prometheus's
/// own client libraries give, from the same files.
/// </summary>
public sealed class ProcessStatsReader(IProcFiles files)
{
    // USER_HZ, the unit of the tick counts in /proc: fixed at 100 by the kernel's ABI on every architecture
    // (sysconf(_SC_CLK_TCK) returns it), whatever tick rate the kernel itself runs at.
    private const double TicksPerSecond = 100;

    /// <summary>What <c>/proc</c> tells now; a figure whose file is missing or unreadable is null.</summary>
    public ProcessStats Read()
    {
        var stat = files.ReadText("/proc/self/stat") is { } statText ? ProcText.Stat(statText) : null;
        var status = files.ReadText("/proc/self/status");
        var bootTime = files.ReadText("/proc/stat") is { } procStat ? ProcText.BootTime(procStat) : null;
        return new ProcessStats(
            CpuSeconds: stat is (var user, var system, _) ? (user + system) / TicksPerSecond : null,
            ResidentBytes: status is null ? null : ProcText.StatusBytes(status, "VmRSS"),
            VirtualBytes: status is null ? null : ProcText.StatusBytes(status, "VmSize"),
            OpenFds: files.CountEntries("/proc/self/fd"),
            MaxFds: files.ReadText("/proc/self/limits") is { } limits ? ProcText.MaxOpenFiles(limits) : null,
            StartTimeSeconds: stat is (_, _, var start) && bootTime is { } boot ? boot + (start / TicksPerSecond) : null);
    }
}
