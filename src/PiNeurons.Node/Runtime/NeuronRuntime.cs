using System.Text;
using Microsoft.Extensions.Logging;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;
using PiNeurons.Hardware.Boards;
using PiNeurons.Hardware.Buttons;
using PiNeurons.Hardware.Leds;
using PiNeurons.Mqtt;
using PiNeurons.Node.Persistence;

namespace PiNeurons.Node.Runtime;

/// <summary>
/// One hosted neuron: MQTT commands, button and sensor kicks and timers are fed to the pure
/// <see cref="Neuron"/> model, and its decisions become MQTT publications and LED pulses. Work is done
/// synchronously on the thread that brings it (the MQTT receive path, a GPIO callback, a timer), under a
/// short per-neuron lock that is never held across an await: a hop costs no extra thread switch, and a
/// neuron that cannot keep up slows its own MQTT receive path, which pushes back on the broker instead of
/// growing a queue. Nothing on the hot path awaits the broker: publications go through the connection's outbox.
/// </summary>
internal sealed partial class NeuronRuntime : INeuronSink, IDisposable
{
    private readonly Neuron _neuron;
    private readonly NeuronTopics _topics;
    private readonly TopicScheme _scheme;
    private readonly ResilientMqttConnection _connection;
    private readonly NeuronBoard? _board;
    private readonly ConfigStore _store;
    private readonly CounterStore _counters;
    private readonly NeuronConfig _manifestConfig;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly ClockCheck _clock;
    private readonly CommandDecoder _decoder = new();
    private readonly EventLog _log;
    private readonly StateThrottle _stateThrottle;
    private readonly ITimer _decisionTimer;
    private readonly Dictionary<string, string> _kickTopics = new(StringComparer.Ordinal);
    private readonly byte[] _ownIdUtf8;
    private readonly List<NeuronEvent> _pendingEvents = new(8);
    private int _republishRequested;
    private long _kicksProcessed;
    private long _seqReservedUntil;

    public NeuronRuntime(
        string id,
        NeuronConfig config,
        NeuronConfig manifestConfig,
        TopicScheme scheme,
        Func<MqttConnectionHandlers, ResilientMqttConnection> connect,
        NeuronBoard? board,
        ConfigStore store,
        CounterStore counters,
        NeuronCounters initialCounters,
        TimeProvider time,
        ClockCheck clock,
        ILogger logger)
    {
        _clock = clock;
        _neuron = new Neuron(id, config);
        _manifestConfig = manifestConfig;
        _scheme = scheme;
        _topics = scheme.For(id);
        _board = board;
        _store = store;
        _time = time;
        _logger = logger;
        _counters = counters;
        _neuron.Restore(initialCounters.FiredCount, initialCounters.LastFiredAt);
        _log = new EventLog(id, initialCounters.NextSeq - 1);
        _seqReservedUntil = initialCounters.NextSeq;
        _ownIdUtf8 = Encoding.UTF8.GetBytes(id);
        _stateThrottle = new StateThrottle(time, Wake);
        _decisionTimer = time.CreateTimer(_ => Wake(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // The connection calls back into this neuron, so the neuron creates it with its handlers.
        _connection = connect(new MqttConnectionHandlers { MessageReceived = OnMessageAsync, Connected = OnConnectedAsync });
        if (board is not null)
        {
            board.Kick += OnBoardKick;
            board.ButtonClicked += OnButtonClicked;
            // Blinking until the first connection: the status LED says "not connected yet" from power-on.
            board.ShowConnection(ConnectionIndicator.Reconnecting);
            _connection.ConnectionChanged += OnConnectionChanged;
        }
    }

    /// <summary>The neuron id.</summary>
    public string Id => _neuron.Id;

    /// <summary>Kicks given to the model (for <c>bench throughput</c>).</summary>
    public long KicksProcessed => Interlocked.Read(ref _kicksProcessed);

    /// <summary>The MQTT connection of this neuron.</summary>
    public ResilientMqttConnection Connection => _connection;

    /// <summary>Runs the connection until <paramref name="ct"/> is cancelled or it faults, then says
    /// <c>offline</c> cleanly.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await _connection.RunAsync(ct);
        }
        finally
        {
            SaveCounters();
            await SayOfflineAsync();
        }
    }

    // A clean stop records the exact next seq, so the next run continues without a gap. An event that
    // still comes after it (a late timer) reserves a new block first, so no seq is ever handed out twice.
    private void SaveCounters()
    {
        lock (_gate)
        {
            _seqReservedUntil = _log.LastSeq + 1;
            TrySaveCounters(_seqReservedUntil);
        }
    }

    private void TrySaveCounters(long nextSeq)
    {
        try
        {
            _counters.Save(Id, new NeuronCounters(nextSeq, _neuron.FiredCount, _neuron.LastFiredAt));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.PersistFailed(_logger, Id, ex.Message);
        }
    }

    private async Task SayOfflineAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3), _time);
        try
        {
            await _connection.StopAsync(Messages.Status(_topics.Status, StatusPayloads.Offline), timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // The will says offline for us when the clean goodbye cannot be sent.
            Log.OfflineNotSent(_logger, Id, ex.Message);
        }
    }

    /// <summary>True when the neuron's lock can be taken within <paramref name="timeout"/>: its processing is not stuck.</summary>
    public bool IsResponsive(TimeSpan timeout)
    {
        if (!_gate.TryEnter(timeout))
        {
            return false;
        }

        _gate.Exit();
        return true;
    }

    /// <summary>Gives one item of work to the model and publishes what it decided.</summary>
    private void Process(in NeuronWork work)
    {
        lock (_gate)
        {
            Handle(work);
            AfterWork();
        }
    }

    // Under the lock, after any work: its events out, then whatever came due meanwhile.
    private void AfterWork()
    {
        FlushEvents();
        RunDueTimers();
        FlushEvents();
        if (_board is { HasPotentialLed: true })
        {
            _board.ShowPotential(Charge(_time.GetUtcNow()));
        }
    }

    // How far the neuron is charged towards firing: the potential LED's brightness, 0 (empty or
    // inhibited) to 1 (at the threshold).
    private double Charge(DateTimeOffset now)
    {
        var potential = _neuron.Potential(now);
        var threshold = _neuron.Config.Threshold;
        return threshold > 0 ? Math.Clamp(potential / threshold, 0, 1) : potential >= threshold && potential > 0 ? 1 : 0;
    }

    private void Handle(in NeuronWork work)
    {
        var now = _time.GetUtcNow();
        switch (work.Kind)
        {
            case WorkKind.Kick:
                Kick(work.From!, work.Hop, now);
                break;
            case WorkKind.BoardKick:
                // The hardware speaks first (docs/protocol.md's button/sensor events), then the kick it causes.
                var isButton = work.From == KickSources.Button;
                OnEvent(new NeuronEvent(isButton ? NeuronEventType.Button : NeuronEventType.Sensor, work.From, now));
                if (!isButton)
                {
                    PublishEdgeReading(work.From!, now);
                }

                Kick(work.From!, 0, now);
                break;
            case WorkKind.Click:
                OnEvent(new NeuronEvent(NeuronEventType.Button, KickSources.Button, now, Click: work.Reason));
                break;
            case WorkKind.Fire:
                _neuron.ForceFire(work.Hop, now, this);
                break;
            case WorkKind.Query:
                HandleQuery(work, now);
                break;
            case WorkKind.Set:
                HandleSet(work, now);
                break;
            case WorkKind.Error:
                OnEvent(new NeuronEvent(NeuronEventType.Error, work.From, now, null, work.Reason));
                break;
            case WorkKind.Wake:
                break;
        }
    }

    private void Kick(string from, int hop, DateTimeOffset now)
    {
        Interlocked.Increment(ref _kicksProcessed);
        _neuron.Kick(from, hop, now, this);
        _stateThrottle.MarkChanged(now);
        if (_neuron.NextInputExpiry(now) is { } expiry)
        {
            _stateThrottle.MarkChanged(now, expiry);
        }
    }

    private void RunDueTimers()
    {
        var now = _time.GetUtcNow();
        if (_neuron.DecisionDueAt is { } due)
        {
            if (now >= due)
            {
                _neuron.Decide(now, this);
            }
            else
            {
                // Timers may fire a little before the clock reads their due time: arm again, or the decision is lost.
                OnDecisionDue(due);
            }
        }

        if (Interlocked.Exchange(ref _republishRequested, 0) == 1 || _stateThrottle.IsDue(now))
        {
            PublishState(now, null, null, includeLog: false);
        }
        else
        {
            _stateThrottle.Rearm(now);
        }

        if (_neuron.InputCount > 64)
        {
            _neuron.PruneInputs(now);
        }
    }

    private void Wake() => Process(new NeuronWork(WorkKind.Wake));

    /// <summary>Emits an <c>error</c> event with <paramref name="reason"/> (sent once connected).</summary>
    public void ReportError(string reason) => Process(new NeuronWork(WorkKind.Error, Reason: reason));

    private void OnBoardKick(object? sender, BoardKickEventArgs e) => Process(new NeuronWork(WorkKind.BoardKick, e.Source));

    private void OnButtonClicked(object? sender, ButtonClickedEventArgs e) =>
        Process(new NeuronWork(WorkKind.Click, Reason: e.ClickType switch
        {
            ClickType.Double => "double",
            ClickType.Long => "long",
            _ => "single",
        }));

    private void OnConnectionChanged(object? sender, bool connected) =>
        _board?.ShowConnection(connected ? ConnectionIndicator.Connected : ConnectionIndicator.Reconnecting);

    public void Dispose()
    {
        if (_board is not null)
        {
            _board.Kick -= OnBoardKick;
            _board.ButtonClicked -= OnButtonClicked;
            _connection.ConnectionChanged -= OnConnectionChanged;
            _board.ShowConnection(ConnectionIndicator.Off);
        }

        _decisionTimer.Dispose();
        _stateThrottle.Dispose();
    }
}
