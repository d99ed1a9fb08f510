using Microsoft.Extensions.Logging;
using MQTTnet;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;
using PiNeurons.Hardware.Boards;
using PiNeurons.Hardware.Buttons;
using PiNeurons.Hardware.Leds;
using PiNeurons.Mqtt;

namespace PiNeurons.Node.Runtime;

/// <summary>
/// One hosted neuron: MQTT commands, button and sensor kicks, sensor readings and timers are fed to the pure
/// <see cref="Neuron"/> model, and its decisions become MQTT publications and LED pulses. Every input is a
/// <see cref="NeuronWork"/>, done synchronously on the thread that brings it (the MQTT receive path, a GPIO
/// callback, the sensor poller, a timer), under a short per-neuron lock that is never held across an await: a
/// hop costs no extra thread switch, and a neuron that cannot keep up slows its own MQTT receive path, which
/// pushes back on the broker instead of growing a queue. Nothing on the hot path awaits the broker:
/// publications go through the connection's outbox.
/// </summary>
internal sealed class NeuronRuntime : INeuronSink, IHostedNeuron, IDisposable
{
    private readonly Neuron _neuron;
    private readonly NeuronTopics _topics;
    private readonly ResilientMqttConnection _connection;
    private readonly NeuronPublisher _publisher;
    private readonly NeuronBoard? _board;
    private readonly SensorReadings _sensors;
    private readonly ConfigChanges _configChanges;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly CommandDecoder _decoder = new();
    private readonly StateThrottle _stateThrottle;
    private readonly ITimer _decisionTimer;
    private readonly HeartbeatTimer _heartbeat;
    private readonly List<NeuronEvent> _learned = [];
    private NeuronWork? _pendingTeach;
    private NeuronConfig _savedConfig;
    private int _republishRequested;
    private long _kicksProcessed;

    /// <summary>
    /// The neuron <paramref name="start"/> describes, on the connection <paramref name="connect"/> makes for it,
    /// with <paramref name="board"/>'s LEDs, button and edge sensors when it has them.
    /// </summary>
    public NeuronRuntime(
        NeuronStart start,
        NodeContext node,
        Func<MqttConnectionHandlers, ResilientMqttConnection> connect,
        NeuronBoard? board,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(connect);
        _neuron = new Neuron(start.Id, start.Config);
        _savedConfig = start.Config;
        _topics = node.Scheme.For(start.Id);
        _board = board;
        _sensors = new SensorReadings(start.Sensors);
        _configChanges = new ConfigChanges(start.Id, start.ManifestConfig, node.Configs, logger);
        _time = node.Time;
        _logger = logger;
        _neuron.Restore(start.Counters.FiredCount, start.Counters.LastFiredAt);
        _stateThrottle = new StateThrottle(_time, Wake);
        _decisionTimer = _time.CreateTimer(_ => Wake(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _heartbeat = new HeartbeatTimer(_time, node.Heartbeat, () => Process(new NeuronWork(WorkKind.Heartbeat)));
        // The connection calls back into this neuron, so the neuron creates it with its handlers.
        _connection = connect(new MqttConnectionHandlers { MessageReceived = OnMessageAsync, Connected = OnConnectedAsync });
        _publisher = new NeuronPublisher(_neuron, _connection, node, start.Counters.NextSeq, logger);
        if (board is not null)
        {
            board.Kick += OnBoardKick;
            board.ButtonClicked += OnButtonClicked;
            board.TeachClicked += OnTeachClicked;
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
            StopBeating();
            SaveCounters();
            await _publisher.OfflineAsync();
        }
    }

    // Under the lock, so no beat is half-way through publishing "online" when the neuron says offline.
    private void StopBeating()
    {
        lock (_gate)
        {
            _heartbeat.Stop();
        }
    }

    private void SaveCounters()
    {
        lock (_gate)
        {
            _publisher.SaveCounters();
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

    /// <summary>Emits an <c>error</c> event with <paramref name="reason"/> (sent once connected).</summary>
    public void ReportError(string reason) => Process(new NeuronWork(WorkKind.Error, Reason: reason));

    /// <summary>A polled sensor read <paramref name="value"/>.</summary>
    public void OnSensorReading(string name, double value, string unit) =>
        Process(new NeuronWork(WorkKind.Reading, name, Value: value, Unit: unit));

    /// <summary>A read failed: an <c>error</c> event with the reason; never a kick.</summary>
    public void OnSensorFailed(string name, string reason) =>
        ReportError($"sensor {name}: {reason}");

    // Decoded before the lock is taken: decoding needs no model, so the lock is held only for the work itself.
    private ValueTask OnMessageAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        if (_topics.TryGetCommand(message.Topic, out var command))
        {
            Process(_decoder.Decode(command, message));
        }

        return ValueTask.CompletedTask;
    }

    private async Task OnConnectedAsync(CancellationToken ct)
    {
        // Counted from before "online" goes out: whoever sees it can rely on the next beat being due.
        _heartbeat.Restart();
        await _publisher.OnlineAsync(ct);
        // The state is built on the loop thread, which owns the model.
        Interlocked.Exchange(ref _republishRequested, 1);
        Wake();
        Log.Online(_logger, Id);
    }

    private void OnBoardKick(object? sender, BoardKickEventArgs e) => Process(new NeuronWork(WorkKind.BoardKick, e.Source));

    private void OnButtonClicked(object? sender, ButtonClickedEventArgs e) =>
        Process(new NeuronWork(WorkKind.Click, Reason: e.ClickType switch
        {
            ClickType.Double => "double",
            ClickType.Long => "long",
            _ => "single",
        }));

    // docs/learning.md: a click of the teach button says "you should have fired", a long press "you should not have".
    private void OnTeachClicked(object? sender, ButtonClickedEventArgs e) =>
        Process(new NeuronWork(WorkKind.Teach, Value: e.ClickType == ClickType.Long ? 0 : 1));

    private void OnConnectionChanged(object? sender, bool connected) =>
        _board?.ShowConnection(connected ? ConnectionIndicator.Connected : ConnectionIndicator.Reconnecting);

    private void Wake() => Process(new NeuronWork(WorkKind.Wake));

    /// <summary>Gives one item of work to the model and publishes what it decided.</summary>
    private void Process(in NeuronWork work)
    {
        lock (_gate)
        {
            Handle(work);
            AfterWork();
        }
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
                    RecordEdgeReading(work.From!, now);
                }

                Kick(work.From!, 0, now);
                break;
            case WorkKind.Reading:
                HandleReading(work.From!, new SensorMessage(work.Value, work.Unit!, now));
                break;
            case WorkKind.Click:
                OnEvent(new NeuronEvent(NeuronEventType.Button, KickSources.Button, now, Click: work.Reason));
                break;
            case WorkKind.Fire:
                _neuron.ForceFire(work.Hop, now, this);
                if (work.ResponseTopic is not null)
                {
                    // The firing's one event (fired, or refractory when capped) goes out numbered first, then as the reply.
                    _publisher.FlushEvents();
                    _publisher.ReplyWithLastEvent(work.ResponseTopic, work.CorrelationData);
                }

                break;
            case WorkKind.Query:
                HandleQuery(work, now);
                break;
            case WorkKind.Set:
                HandleSet(work, now);
                break;
            case WorkKind.Teach:
                HandleTeach(work, now);
                break;
            case WorkKind.Error:
                OnEvent(new NeuronEvent(NeuronEventType.Error, work.From, now, null, work.Reason));
                break;
            case WorkKind.Heartbeat:
                Beat(now);
                break;
            case WorkKind.Wake:
                break;
        }
    }

    // The same status and state again: nothing in the model changes and no event is emitted, so Home Assistant and the
    // other consumers see identical retained values. Skipped while disconnected: the reconnect republishes both anyway.
    private void Beat(DateTimeOffset now)
    {
        if (!_heartbeat.IsRunning || !_connection.IsConnected)
        {
            return;
        }

        _publisher.Online(maxAge: TimeSpan.FromSeconds(_heartbeat.Seconds));
        PublishState(now, null, null, includeLog: false);
    }

    // Under the lock, after any work: its events out, then whatever came due meanwhile.
    private void AfterWork()
    {
        KeepLearned();
        _publisher.FlushEvents();
        RunDueTimers();
        KeepLearned();
        _publisher.FlushEvents();
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

    private void HandleReading(string name, SensorMessage reading)
    {
        Record(name, reading);
        if (_sensors.Crosses(name, reading, out var crossed))
        {
            // The sensor speaks first (docs/protocol.md's sensor event, with what it crossed), then the kick it causes.
            var source = KickSources.Sensor(name);
            OnEvent(new NeuronEvent(NeuronEventType.Sensor, source, reading.At, null, crossed));
            Kick(source, 0, reading.At);
        }
    }

    // An edge sensor's reading is its level after the edge: 1 while a PIR sees motion, else 0.
    private void RecordEdgeReading(string source, DateTimeOffset now)
    {
        var name = source[KickSources.SensorPrefix.Length..];
        if (_board?.SensorLevel(name) is { } high)
        {
            Record(name, new SensorMessage(high ? 1 : 0, string.Empty, now));
        }
    }

    // The latest reading: retained on its topic, and in the next state.
    private void Record(string name, SensorMessage reading)
    {
        _sensors.Record(name, reading);
        _publisher.Reading(name, reading);
        _stateThrottle.MarkChanged(reading.At);
    }

    private void HandleQuery(in NeuronWork work, DateTimeOffset now)
    {
        if (!QueryRequest.TryParse(work.Payload.Span, out var query, out var error))
        {
            OnEvent(new NeuronEvent(NeuronEventType.Error, null, now, null, error));
            return;
        }

        PublishState(now, work.ResponseTopic, work.CorrelationData, query.IncludeLog);
    }

    private void HandleSet(in NeuronWork work, DateTimeOffset now)
    {
        if (!_configChanges.TryChange(_neuron.Config, work.Payload, out var config, out var refusal))
        {
            OnEvent(new NeuronEvent(NeuronEventType.Error, null, now, null, refusal));
            _publisher.FlushEvents();
            if (work.ResponseTopic is not null)
            {
                _publisher.ErrorReply(work.ResponseTopic, work.CorrelationData, now, refusal);
            }

            return;
        }

        _neuron.Reconfigure(config);
        _savedConfig = config;
        OnEvent(new NeuronEvent(NeuronEventType.Config, "set", now));
        _publisher.FlushEvents();
        PublishState(now, null, null, includeLog: false);
        if (work.ResponseTopic is not null)
        {
            PublishState(now, work.ResponseTopic, work.CorrelationData, includeLog: false);
        }
    }

    // The reply is the state the teach left (the learned events went to the events topic first), or the error
    // event that says why nothing was learned.
    private void HandleTeach(in NeuronWork work, DateTimeOffset now)
    {
        if (_neuron.DecisionDueAt is { } due && now < due)
        {
            // Taught while still deciding: the teach is about the decision being made, so it waits for it.
            _pendingTeach = work;
            return;
        }

        var taught = _neuron.Teach((int)work.Value, now, this);
        KeepLearned();
        _publisher.FlushEvents();
        if (taught)
        {
            PublishState(now, null, null, includeLog: false);
        }

        if (work.ResponseTopic is null)
        {
            return;
        }

        if (taught)
        {
            PublishState(now, work.ResponseTopic, work.CorrelationData, includeLog: false);
        }
        else
        {
            _publisher.ReplyWithLastEvent(work.ResponseTopic, work.CorrelationData);
        }
    }

    // What a learning rule changed is saved before its learned events go out, as a set is (docs/protocol.md): an
    // announced weight survives kill -9. If it cannot be saved, the neuron goes back to the config it last saved.
    private void KeepLearned()
    {
        if (_learned.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (_configChanges.TrySave(_neuron.Config, out var problem))
        {
            _savedConfig = _neuron.Config;
            foreach (var learned in _learned)
            {
                _publisher.AddEvent(learned);
            }

            _stateThrottle.MarkChanged(now);
        }
        else
        {
            _neuron.Reconfigure(_savedConfig);
            _publisher.AddEvent(new NeuronEvent(NeuronEventType.Error, null, now, null,
                $"learning: {_learned.Count} change(s) not kept, the config could not be saved: {problem}"));
        }

        _learned.Clear();
    }

    private void RunDueTimers()
    {
        var now = _time.GetUtcNow();
        if (_neuron.DecisionDueAt is { } due)
        {
            if (now >= due)
            {
                _neuron.Decide(now, this);
                if (_pendingTeach is { } teach)
                {
                    _pendingTeach = null;
                    HandleTeach(teach, now);
                }
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

    // Retained on the state topic when there is no response topic, which is what the throttle counts.
    private void PublishState(DateTimeOffset now, string? responseTopic, byte[]? correlationData, bool includeLog)
    {
        _publisher.State(now, _sensors.Snapshot(), includeLog, responseTopic, correlationData);
        if (responseTopic is null)
        {
            _stateThrottle.Published(now);
        }
    }

    public void OnEvent(in NeuronEvent neuronEvent)
    {
        if (neuronEvent.Type == NeuronEventType.Learned)
        {
            _learned.Add(neuronEvent);
        }
        else
        {
            _publisher.AddEvent(neuronEvent);
        }
    }

    public void OnFired(int downstreamHop, TimeSpan outputDuration)
    {
        _publisher.Kicks(downstreamHop);
        _board?.ShowFiring(outputDuration);
        var now = _time.GetUtcNow();
        _stateThrottle.MarkChanged(now);
        _stateThrottle.MarkChanged(now, now + outputDuration + TimeSpan.FromMilliseconds(1));
    }

    public void OnDecisionDue(DateTimeOffset dueAt)
    {
        var delay = dueAt - _time.GetUtcNow();
        _decisionTimer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        if (_board is not null)
        {
            _board.Kick -= OnBoardKick;
            _board.ButtonClicked -= OnButtonClicked;
            _board.TeachClicked -= OnTeachClicked;
            _connection.ConnectionChanged -= OnConnectionChanged;
            _board.ShowConnection(ConnectionIndicator.Off);
        }

        _decisionTimer.Dispose();
        _heartbeat.Dispose();
        _stateThrottle.Dispose();
    }
}
