using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using PiNeurons.Node.Hosting;

namespace PiNeurons.Node.Systemd;

/// <summary>
/// Feeds systemd's watchdog: <c>WATCHDOG=1</c> every <c>WATCHDOG_USEC</c>/2, but only while the node is
/// healthy, so a node whose broker connection or neuron processing is stuck gets restarted by systemd
/// (<c>WatchdogSec=</c> in the unit). The host's <c>AddSystemd()</c> sends READY and STOPPING, never
/// WATCHDOG=1. Does nothing when not run by systemd with a watchdog.
/// </summary>
internal sealed class WatchdogService(
    ISystemdNotifier? notifier,
    INodeHealth health,
    TimeProvider time,
    ILogger<WatchdogService> logger,
    TimeSpan? watchdogInterval) : BackgroundService
{
    private static readonly ServiceState Ping = new("WATCHDOG=1");

    /// <summary>The watchdog interval systemd asks of this process (<c>WATCHDOG_USEC</c>, for the process
    /// <c>WATCHDOG_PID</c> names when set), if any.</summary>
    public static TimeSpan? FromEnvironment(string? watchdogUsec, string? watchdogPid, int processId)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (watchdogPid is not null && (!int.TryParse(watchdogPid, System.Globalization.NumberStyles.None, invariant, out var pid) || pid != processId))
        {
            return null;
        }

        return long.TryParse(watchdogUsec, System.Globalization.NumberStyles.None, invariant, out var usec) && usec > 0
            ? TimeSpan.FromMicroseconds(usec)
            : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (notifier is not { IsEnabled: true } || watchdogInterval is not { } interval)
        {
            return;
        }

        var period = interval / 2;
        Log.WatchdogEnabled(logger, period.TotalMilliseconds);
        using var timer = new PeriodicTimer(period, time);
        var wasHealthy = true;
        do
        {
            var healthy = health.IsHealthy(out var reason);
            if (healthy)
            {
                notifier.Notify(Ping);
            }
            else if (wasHealthy)
            {
                Log.WatchdogWithheld(logger, reason ?? "unhealthy");
            }

            wasHealthy = healthy;
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
