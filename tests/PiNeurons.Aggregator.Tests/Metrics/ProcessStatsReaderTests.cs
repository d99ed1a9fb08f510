using PiNeurons.Aggregator.Metrics;

namespace PiNeurons.Aggregator.Tests.Metrics;

/// <summary>The process figures read from sample <c>/proc</c> text laid out as proc(5) gives it.</summary>
public sealed class ProcessStatsReaderTests
{
    // A command name with a space and a parenthesis: the fields are counted from the last ')'.
    // utime 1234 and stime 266 ticks (15 s), starttime 4601535 ticks after boot (46015.35 s).
    private const string Stat =
        "948 (dotnet (agg) x) S 944 944 27657 0 -1 4194304 98 0 0 0 1234 266 0 0 20 0 12 0 4601535 3133440 412 " +
        "18446744073709551615 94310364622848 94310364642729 140730106921232 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

    private const string Status = "Name:\tdotnet\nVmPeak:\t  300000 kB\nVmSize:\t  281600 kB\nVmHWM:\t   70000 kB\nVmRSS:\t   65536 kB\nThreads:\t12\n";

    private const string Limits =
        "Limit                     Soft Limit           Hard Limit           Units     \n" +
        "Max cpu time              unlimited            unlimited            seconds   \n" +
        "Max open files            1024                 524288               files     \n";

    private const string ProcStat = "cpu  10 0 10 1000 0 0 0 0 0 0\nintr 0\nctxt 99\nbtime 1796414821\nprocesses 950\n";

    [Fact]
    public void Read_SampleProc_GivesEachFigureInPrometheusUnits()
    {
        var stats = new ProcessStatsReader(new SampleProc(Stat, Status, Limits, ProcStat, openFds: 37)).Read();

        Assert.Equal(new ProcessStats(15, 65536L * 1024, 281600L * 1024, 37, 1024, 1796414821 + 46015.35), stats);
    }

    [Fact]
    public void Read_NoProc_GivesNothing()
    {
        var stats = new ProcessStatsReader(new SampleProc(null, null, null, null, openFds: null)).Read();

        Assert.Equal(ProcessStats.None, stats);
    }

    [Fact]
    public void Read_UnreadableStatOrUnlimitedFiles_LeavesOnlyThoseFiguresOut()
    {
        var unlimited = Limits.Replace("1024                 524288", "unlimited            unlimited", StringComparison.Ordinal);

        var stats = new ProcessStatsReader(new SampleProc("garbage", Status, unlimited, ProcStat, openFds: 5)).Read();

        Assert.Equal(new ProcessStats(null, 65536L * 1024, 281600L * 1024, 5, null, null), stats);
    }

    [Fact]
    public void Read_NoBootTime_LeavesOutTheStartTimeOnly()
    {
        var stats = new ProcessStatsReader(new SampleProc(Stat, Status, Limits, "cpu  1 2 3\n", openFds: 5)).Read();

        Assert.Equal((15.0, (double?)null), (stats.CpuSeconds!.Value, stats.StartTimeSeconds));
    }

    private sealed class SampleProc(string? stat, string? status, string? limits, string? procStat, int? openFds) : IProcFiles
    {
        public string? ReadText(string path) => path switch
        {
            "/proc/self/stat" => stat,
            "/proc/self/status" => status,
            "/proc/self/limits" => limits,
            "/proc/stat" => procStat,
            _ => null,
        };

        public int? CountEntries(string directory) => directory == "/proc/self/fd" ? openFds : null;
    }
}
