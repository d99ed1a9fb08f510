namespace PiNeurons.Aggregator.Metrics;

/// <summary>
/// The <c>process_</c> families, under the names every Prometheus client library exports them, so dashboards and
/// alerts written for any exporter work on the aggregator. A figure this system does not tell is left out, family and all.
/// </summary>
internal static class ProcessMetrics
{
    public static void Write(PrometheusWriter text, ProcessStats process)
    {
        Write(text, "process_cpu_seconds_total", "counter", "CPU time the process spent, user and system, in seconds.", process.CpuSeconds);
        Write(text, "process_resident_memory_bytes", "gauge", "Memory the process holds in RAM, in bytes.", process.ResidentBytes);
        Write(text, "process_virtual_memory_bytes", "gauge", "Address space the process maps, in bytes.", process.VirtualBytes);
        Write(text, "process_open_fds", "gauge", "File descriptors the process has open.", process.OpenFds);
        Write(text, "process_max_fds", "gauge", "How many file descriptors the process may open (the soft limit).", process.MaxFds);
        Write(text, "process_start_time_seconds", "gauge", "When the process started, in seconds since the Unix epoch.", process.StartTimeSeconds);
    }

    private static void Write(PrometheusWriter text, string name, string type, string help, double? value)
    {
        if (value is { } known)
        {
            text.Single(name, type, help, known);
        }
    }
}
