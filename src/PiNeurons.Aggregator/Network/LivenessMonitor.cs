namespace PiNeurons.Aggregator.Network;

/// <summary>
/// Judges every neuron's liveness again each second: silence changes nothing in the view by itself, so without a clock
/// a neuron whose heartbeats stopped would stay online forever on the page, in the API and in /metrics.
/// </summary>
internal sealed class LivenessMonitor(NetworkView view, TimeProvider time) : BackgroundService
{
    /// <summary>How often liveness is judged: a turn shows at most this late.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                view.Sweep();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
