using PiNeurons.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;
using PiNeurons.Node.HomeAssistant;
using PiNeurons.Node.Persistence;
using PiNeurons.Node.Runtime;
using PiNeurons.Node.Sensors;

namespace PiNeurons.Node.Hosting;

/// <summary>
/// Runs every hosted neuron. A neuron whose loop faults stops the whole process with a non-zero exit
/// code, because the generic host would otherwise exit 0 and systemd would not restart it.
/// </summary>
internal sealed class NodeService(
    NodePlan plan,
    GpioBoards boards,
    ILoggerFactory loggers,
    TimeProvider time,
    IHostApplicationLifetime lifetime) : BackgroundService, INodeHealth
{
    // A neuron whose lock cannot be taken within this time is stuck, not busy.
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(2);

    // How long start-up waits for every neuron to be online before the host reports started anyway.
    private static readonly TimeSpan OnlineWait = TimeSpan.FromSeconds(20);

    private readonly ILogger _logger = loggers.CreateLogger<NodeService>();
    private readonly string _firstNeuron = plan.Neurons.First().Id;
    private readonly TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private NeuronRuntime[] _runtimes = [];

    /// <summary>The exit code the process should end with.</summary>
    public int ExitCode { get; private set; }

    /// <summary>The hosted neurons, once created.</summary>
    public async Task<IReadOnlyList<NeuronRuntime>> RuntimesAsync(CancellationToken ct)
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
            var runtimes = await RuntimesAsync(bound.Token);
            await Task.WhenAll(runtimes.Select(r => r.Connection.WaitUntilConnectedAsync(bound.Token)));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.NotOnlineAtStart(_logger, OnlineWait.TotalSeconds);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scheme = new TopicScheme(plan.Root);
        var store = new ConfigStore(plan.StateDir, loggers.CreateLogger<ConfigStore>());
        var counters = new CounterStore(plan.StateDir, loggers.CreateLogger<CounterStore>());
        var runtimes = new List<NeuronRuntime>();
        var clock = new ClockCheck(plan.ClockFloor ?? ClockCheck.BuildDate);
        if (clock.IsUnset(time.GetUtcNow()))
        {
            Log.ClockUnset(_logger, time.GetUtcNow(), clock.Floor);
        }

        var node = new NodeContext(scheme, store, counters, clock, time);
        // Made before the neurons, so the first neuron's connection is created with its handlers too.
        using var announcer = DiscoveryWiring.Create(plan, loggers, time);
        foreach (var n in plan.Neurons)
        {
            var resolved = store.Resolve(n.Id, n.Config);
            var runtime = new NeuronRuntime(
                new NeuronStart(n.Id, resolved.Config, n.Config, counters.Load(n.Id), n.Sensors),
                node,
                Connect(scheme, n.Id, announcer),
                boards.BoardOf(n.Id),
                loggers.CreateLogger<NeuronRuntime>());
            if (resolved.Problem is { } problem)
            {
                // A neuron that could not start from its current config file says so on its events topic.
                runtime.ReportError(problem);
            }

            runtimes.Add(runtime);
        }

        _runtimes = [.. runtimes];
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

        Log.Hosting(_logger, _runtimes.Length, string.Join(",", _runtimes.Select(r => r.Id)), plan.Broker.ToString(), plan.StateDir);
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

    // The first neuron's connection also carries Home Assistant discovery, its handlers around the neuron's.
    private Func<MqttConnectionHandlers, ResilientMqttConnection> Connect(TopicScheme scheme, string id, DiscoveryAnnouncer? announcer)
    {
        ResilientMqttConnection Create(MqttConnectionHandlers handlers) =>
            new(ConnectionOptions(scheme, id), handlers, loggers.CreateLogger<ResilientMqttConnection>(), time);
        return announcer is not null && id == _firstNeuron ? handlers => announcer.Connect(handlers, Create) : Create;
    }

    private MqttConnectionOptions ConnectionOptions(TopicScheme scheme, string id)
    {
        var topics = scheme.For(id);
        var login = plan.CredentialsFor(id);
        return new MqttConnectionOptions
        {
            Broker = plan.Broker,
            // One connection per neuron: MQTT has one last will per connection, and each neuron's
            // retained status must turn offline by itself when its process dies.
            ClientId = scheme.ClientIdOf(id),
            Will = new MqttWill(topics.Status, StatusPayloads.Offline),
            // The first neuron also hears Home Assistant come online: discovery travels on its connection.
            Subscriptions = id == _firstNeuron && DiscoveryWiring.StatusTopic(plan) is { } haStatus ? [.. topics.Commands, haStatus] : topics.Commands,
            UserName = login?.Username,
            Password = login?.Password,
            Tls = plan.TlsFor(id),
        };
    }
}
