using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MQTTnet;
using PiNeurons.Core;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;
using PiNeurons.Node.Persistence;

namespace PiNeurons.Node.Runtime;

/// <summary>
/// A neuron's side out: numbers its events (reserving each block of seq numbers on disk before using it),
/// serialises events, state, sensor readings and replies, and hands them to the connection's outbox, which
/// never blocks; sends the kicks of a firing; says online and offline. Reads the model, never changes it.
/// Loop-thread only (under the runtime's lock), but for <see cref="OnlineAsync"/> and <see cref="OfflineAsync"/>.
/// </summary>
internal sealed class NeuronPublisher
{
    private readonly Neuron _neuron;
    private readonly NeuronTopics _topics;
    private readonly TopicScheme _scheme;
    private readonly ResilientMqttConnection _connection;
    private readonly CounterStore _counters;
    private readonly ClockCheck _clock;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EventLog _log;
    private readonly DropReport _drops;
    private readonly List<NeuronEvent> _pendingEvents = new(8);
    private readonly Dictionary<string, string> _kickTopics = new(StringComparer.Ordinal);
    private readonly byte[] _ownIdUtf8;
    private readonly int _heartbeatSeconds;
    private long _seqReservedUntil;
    private byte[]? _lastEventPayload;

    /// <summary>Publishes for <paramref name="neuron"/>; its next event gets seq <paramref name="nextSeq"/>.</summary>
    public NeuronPublisher(Neuron neuron, ResilientMqttConnection connection, NodeContext node, long nextSeq, ILogger logger)
    {
        _neuron = neuron;
        _topics = node.Scheme.For(neuron.Id);
        _scheme = node.Scheme;
        _connection = connection;
        _counters = node.Counters;
        _clock = node.Clock;
        _time = node.Time;
        _logger = logger;
        _log = new EventLog(neuron.Id, nextSeq - 1);
        _drops = new DropReport(node.Time);
        _seqReservedUntil = nextSeq;
        _ownIdUtf8 = Encoding.UTF8.GetBytes(neuron.Id);
        _heartbeatSeconds = (int)node.Heartbeat.TotalSeconds;
    }

    /// <summary>Holds an event until <see cref="FlushEvents"/>.</summary>
    // Events wait until the work item is done, so the downstream kicks of a firing leave first:
    // a hop should not queue behind the bookkeeping of the hop before it.
    public void AddEvent(in NeuronEvent neuronEvent) => _pendingEvents.Add(neuronEvent);

    /// <summary>Numbers and publishes the events held since the last flush.</summary>
    public void FlushEvents()
    {
        foreach (var neuronEvent in _pendingEvents)
        {
            if (_log.LastSeq + 1 >= _seqReservedUntil)
            {
                // Reserve the next block of seq numbers on disk before using them (see CounterStore).
                _seqReservedUntil = _log.LastSeq + 1 + CounterStore.Block;
                TrySaveCounters(_seqReservedUntil);
            }

            var message = _log.Append(neuronEvent);
            if (_clock.IsUnset(neuronEvent.At))
            {
                message = message with { Clock = ClockCheck.Unsynchronized };
            }

            var payload = JsonSerializer.SerializeToUtf8Bytes(message, ProtocolJsonContext.Wire.EventMessage);
            _lastEventPayload = payload;
            Enqueue(NeuronMessages.Event(_topics.Events, payload));
        }

        _pendingEvents.Clear();
    }

    /// <summary>Kicks every connection of the neuron with <paramref name="downstreamHop"/>.</summary>
    public void Kicks(int downstreamHop)
    {
        var config = _neuron.Config;
        // A kick that waited out a disconnect longer than an input lasts would arrive as a stale input;
        // the outbox drops it instead of replaying it late.
        var maxAge = TimeSpan.FromMilliseconds(Math.Max(config.InputLastingMs, 1));
        foreach (var target in config.Connections)
        {
            Enqueue(NeuronMessages.Kick(KickTopic(target), _ownIdUtf8, downstreamHop), maxAge);
        }
    }

    /// <summary>The state: retained on the state topic, or as a reply when <paramref name="responseTopic"/> is set.</summary>
    public void State(
        DateTimeOffset now, IReadOnlyDictionary<string, SensorMessage>? sensors, bool includeLog, string? responseTopic = null, byte[]? correlationData = null)
    {
        var state = new StateMessage
        {
            Id = _neuron.Id,
            Output = _neuron.Output(now),
            Potential = _neuron.Potential(now),
            FiredCount = _neuron.FiredCount,
            LastFiredAt = _neuron.LastFiredAt,
            Config = _neuron.Config,
            Sensors = sensors,
            Clock = _clock.Describe(now),
            Version = BuildInfo.Full,
            HeartbeatSeconds = _heartbeatSeconds,
            Log = includeLog ? _log.Snapshot() : null,
        };
        var payload = JsonSerializer.SerializeToUtf8Bytes(state, ProtocolJsonContext.Wire.StateMessage);
        Enqueue(responseTopic is null ? NeuronMessages.State(_topics.State, payload) : NeuronMessages.Reply(responseTopic, correlationData, payload));
    }

    /// <summary>The event flushed last, exactly as it went to the events topic, as the reply to a request.</summary>
    public void ReplyWithLastEvent(string responseTopic, byte[]? correlationData)
    {
        if (_lastEventPayload is { } payload)
        {
            Enqueue(NeuronMessages.Reply(responseTopic, correlationData, payload));
        }
    }

    /// <summary>A refusal as the reply to a request: an error event carrying the latest seq, not numbered itself.</summary>
    public void ErrorReply(string responseTopic, byte[]? correlationData, DateTimeOffset now, string reason)
    {
        var error = EventMessage.Create(_neuron.Id, _log.LastSeq, new NeuronEvent(NeuronEventType.Error, null, now, null, reason));
        var payload = JsonSerializer.SerializeToUtf8Bytes(error, ProtocolJsonContext.Wire.EventMessage);
        Enqueue(NeuronMessages.Reply(responseTopic, correlationData, payload));
    }

    /// <summary>A sensor's latest reading, retained on its topic.</summary>
    public void Reading(string sensor, SensorMessage reading) =>
        Enqueue(NeuronMessages.Sensor(_topics.Sensor(sensor), JsonSerializer.SerializeToUtf8Bytes(reading, ProtocolJsonContext.Wire.SensorMessage)));

    /// <summary>Says <c>online</c> again through the outbox, as a heartbeat; dropped rather than sent later than
    /// <paramref name="maxAge"/>, when the next beat says it anyway.</summary>
    public void Online(TimeSpan maxAge) => Enqueue(NeuronMessages.Status(_topics.Status, StatusPayloads.Online), maxAge);

    /// <summary>Says <c>online</c>, directly (the connection is not ready yet when it is called).</summary>
    public Task OnlineAsync(CancellationToken ct) => _connection.PublishAsync(NeuronMessages.Status(_topics.Status, StatusPayloads.Online), ct);

    /// <summary>Says <c>offline</c> and disconnects cleanly, or leaves it to the will when that cannot be done.</summary>
    public async Task OfflineAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3), _time);
        try
        {
            await _connection.StopAsync(NeuronMessages.Status(_topics.Status, StatusPayloads.Offline), timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // The will says offline for us when the clean goodbye cannot be sent.
            Log.OfflineNotSent(_logger, _neuron.Id, ex.Message);
        }
    }

    /// <summary>
    /// At a clean stop, records the exact next seq (and the firing counters), so the next run continues without a
    /// gap. An event that still comes after it (a late timer) reserves a new block first, so no seq is handed out twice.
    /// </summary>
    public void SaveCounters()
    {
        _seqReservedUntil = _log.LastSeq + 1;
        TrySaveCounters(_seqReservedUntil);
    }

    private void TrySaveCounters(long nextSeq)
    {
        try
        {
            _counters.Save(_neuron.Id, new DurableCounters(nextSeq, _neuron.FiredCount, _neuron.LastFiredAt));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.PersistFailed(_logger, _neuron.Id, ex.Message);
        }
    }

    private string KickTopic(string target)
    {
        if (!_kickTopics.TryGetValue(target, out var topic))
        {
            topic = _scheme.For(target).Kick;
            _kickTopics[target] = topic;
        }

        return topic;
    }

    private void Enqueue(MqttApplicationMessage message, TimeSpan? maxAge = null)
    {
        if (_connection.Enqueue(message, maxAge) || !_drops.Refused(out var count, out var since))
        {
            return;
        }

        if (since == TimeSpan.Zero)
        {
            Log.OutboxFull(_logger, _neuron.Id, message.Topic, DropReport.Interval.TotalSeconds);
        }
        else
        {
            Log.OutboxStillFull(_logger, _neuron.Id, count, since.TotalSeconds, message.Topic);
        }
    }
}
