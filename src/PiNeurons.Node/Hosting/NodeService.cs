using PiNeurons.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiNeurons.Mqtt;
using PiNeurons.Node.HomeAssistant;
using PiNeurons.Node.Runtime;
using PiNeurons.Node.Sensors;

namespace PiNeurons.Node.Hosting;

/// <summary>
/// Runs every hosted neuron. A neuron whose loop faults stops the whole process with a non-zero exit
/// code, because the generic host would otherwise exit 0 and systemd would not restart it.
/// </summary>
internal sealed class NodeService(
    NodePlan plan,
    NodeContext node,
    NeuronFactory neurons,
    GpioBoards boards,
    ILoggerFactory loggers,
    IHostApplicationLifetime lifetime) : BackgroundService, INodeHealth, IHostedNeurons
{
    // A neuron whose lock cannot be taken within this time is stuck, not busy.
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(2);

    // How long start-up waits for every neuron to be online before the host reports started anyway.
    private static readonly TimeSpan OnlineWait = TimeSpan.FromSeconds(20);

    private readonly ILogger _logger = loggers.CreateLogger<NodeService>();
    private readonly TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private NeuronRuntime[] _runtimes = [];

    /// <summary>The exit code the process should end with.</summary>
    public int ExitCode { get; private set; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IHostedNeuron>> WhenCreatedAsync(CancellationToken ct)
    {
        await _created.Task.WaitAsync(ct);
        return _runtimes;
    }

    /// <summary>
    /// Returns once every neuron is online (or after <see cref="OnlineWait"/>, or when the node is
    /// stopping): the host reports "started" after this, and <c>AddSystemd()</c> sends READY=1 then, so
    /// under <c>Type=notify</c> an active unit means neurons that answer, not neurons still connecting.
    /// A broker that is down delays the start by at most <see cref="OnlineWait"/>; the node keeps trying.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        bound.CancelAfter(OnlineWait);
        try
        {
            await _created.Task.WaitAsync(bound.Token);
            await Task.WhenAll(_runtimes.Select(r => r.Connection.WaitUntilConnectedAsync(bound.Token)));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.NotOnlineAtStart(_logger, OnlineWait.TotalSeconds);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var time = node.Time;
        if (node.Clock.IsUnset(time.GetUtcNow()))
        {
            Log.ClockUnset(_logger, time.GetUtcNow(), node.Clock.Floor);
        }

        // Made before the neurons, so the first neuron's connection is created with its handlers too.
        using var announcer = DiscoveryWiring.Create(plan, loggers, time);
        _runtimes = [.. plan.Neurons.Select(n => neurons.Create(n, announcer))];
        var poller = new SensorPoller(
            [.. _runtimes.SelectMany(r => boards.PolledSensorsOf(r.Id).Select(s =>
                new PolledSensor(r, s.Sensor, TimeSpan.FromMilliseconds(s.Entry.IntervalMs))))],
            time,
            loggers.CreateLogger<SensorPoller>());
        _created.TrySetResult();
        // One line per distinct GPIO: which library and chip the rule picked is what a wrong image or kernel changes.
        foreach (var gpio in plan.Hosts.Select(h => boards.Selections[h.Name].ToString()).Distinct())
        {
            Log.Gpio(_logger, gpio);
        }

        Log.Hosting(_logger, _runtimes.Length, string.Join(",", _runtimes.Select(r => r.Id)), plan.Broker.ToString(), plan.StateDir, plan.Heartbeat.TotalSeconds);
        try
        {
            var loops = _runtimes.Select(r => GuardAsync(r.RunAsync, ex => Log.NeuronFaulted(_logger, r.Id, ex.Message, ex), stoppingToken)).ToList();
            loops.Add(GuardAsync(poller.RunAsync, ex => Log.PollerFaulted(_logger, ex.Message, ex), stoppingToken));
            await Task.WhenAll(loops);
        }
        finally
        {
            // No re-announce may start on a connection that is going away.
            announcer?.Dispose();
            foreach (var runtime in _runtimes)
            {
                runtime.Dispose();
                await runtime.Connection.DisposeAsync();
            }
        }
    }

    /// <inheritdoc />
    public bool IsHealthy(out string? reason)
    {
        reason = null;
        if (!_created.Task.IsCompleted)
        {
            reason = "neurons not created yet";
            return false;
        }

        foreach (var runtime in _runtimes)
        {
            if (!runtime.Connection.IsConnected)
            {
                reason = $"neuron {runtime.Id} is not connected to {plan.Broker}";
                return false;
            }

            if (!runtime.IsResponsive(StuckAfter))
            {
                reason = $"neuron {runtime.Id} has been busy for over {StuckAfter.TotalSeconds:0} s";
                return false;
            }
        }

        return true;
    }

    private async Task GuardAsync(Func<CancellationToken, Task> run, Action<Exception> logFault, CancellationToken ct)
    {
        try
        {
            await run(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logFault(ex);
            ExitCode = ex is MqttConnectionFatalException ? ExitCodes.LoginRefused : ExitCodes.Failed;
            lifetime.StopApplication();
        }
    }
}
