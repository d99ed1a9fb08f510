namespace PiNeurons.Aggregator.Metrics;

/// <summary>
/// The aggregator process's own figures, as every Prometheus exporter gives them under the <c>process_</c> names. Each
/// is null when this system does not tell it (no <c>/proc</c>, an unreadable file), and is then left out of /metrics.
/// </summary>
/// <param name="CpuSeconds">User and system CPU time spent.</param>
/// <param name="ResidentBytes">Resident memory.</param>
/// <param name="VirtualBytes">Virtual memory.</param>
/// <param name="OpenFds">Open file descriptors.</param>
/// <param name="MaxFds">The soft limit on open file descriptors.</param>
/// <param name="StartTimeSeconds">When the process started, in seconds since the Unix epoch.</param>
public sealed record ProcessStats(
    double? CpuSeconds,
    long? ResidentBytes,
    long? VirtualBytes,
    long? OpenFds,
    long? MaxFds,
    double? StartTimeSeconds)
{
    /// <summary>Nothing known.</summary>
    public static ProcessStats None { get; } = new(null, null, null, null, null, null);
}
