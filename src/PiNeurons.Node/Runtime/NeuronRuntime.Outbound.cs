using System.Text.Json;
using PiNeurons.Core;
using PiNeurons.Core.Configuration;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;
using PiNeurons.Node.Persistence;

namespace PiNeurons.Node.Runtime;

/// <summary>The model's decisions out: events, kicks to connections, the LED, state and replies.</summary>
internal sealed partial class NeuronRuntime
{
    public void OnEvent(in NeuronEvent neuronEvent) => _pendingEvents.Add(neuronEvent);

    // Events wait until the work item is done, so the downstream kicks of a firing leave first:
    // a hop should not queue behind the bookkeeping of the hop before it.
    private void FlushEvents()
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
            Enqueue(Messages.Event(_topics.Events, payload));
        }

        _pendingEvents.Clear();
    }

    public void OnFired(int downstreamHop, TimeSpan outputDuration)
    {
        var config = _neuron.Config;
        // A kick that waited out a disconnect longer than an input lasts would arrive as a stale input;
        // the outbox drops it instead of replaying it late.
        var maxAge = TimeSpan.FromMilliseconds(Math.Max(config.InputLastingMs, 1));
        foreach (var target in config.Connections)
        {
            Enqueue(Messages.Kick(KickTopic(target), _ownIdUtf8, downstreamHop), maxAge);
        }

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
        var result = ConfigPatch.Apply(_neuron.Config, work.Payload);
        if (!result.IsSuccess)
        {
            RefuseSet(work, now, "set: " + result.Error);
            return;
        }

        try
        {
            // Persist before applying: once the config event is out, the change survives kill -9.
            _store.Save(Id, result.Config!, _manifestConfig);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.PersistFailed(_logger, Id, ex.Message);
            RefuseSet(work, now, $"set: not applied, the config could not be saved: {ex.Message}");
            return;
        }

        _neuron.Reconfigure(result.Config!);
        OnEvent(new NeuronEvent(NeuronEventType.Config, "set", now));
        FlushEvents();
        PublishState(now, null, null, includeLog: false);
        if (work.ResponseTopic is not null)
        {
            PublishState(now, work.ResponseTopic, work.CorrelationData, includeLog: false);
        }
    }

    private void RefuseSet(in NeuronWork work, DateTimeOffset now, string reason)
    {
        OnEvent(new NeuronEvent(NeuronEventType.Error, null, now, null, reason));
        FlushEvents();
        if (work.ResponseTopic is not null)
        {
            var error = EventMessage.Create(Id, _log.LastSeq, new NeuronEvent(NeuronEventType.Error, null, now, null, reason));
            var payload = JsonSerializer.SerializeToUtf8Bytes(error, ProtocolJsonContext.Wire.EventMessage);
            Enqueue(Messages.Reply(work.ResponseTopic, work.CorrelationData, payload));
        }
    }

    private void PublishState(DateTimeOffset now, string? responseTopic, byte[]? correlationData, bool includeLog)
    {
        var state = new StateMessage
        {
            Id = Id,
            Output = _neuron.Output(now),
            Potential = _neuron.Potential(now),
            FiredCount = _neuron.FiredCount,
            LastFiredAt = _neuron.LastFiredAt,
            Config = _neuron.Config,
            Sensors = SensorSnapshot(),
            Clock = _clock.Describe(now),
            Version = BuildInfo.Full,
            Log = includeLog ? _log.Snapshot() : null,
        };
        var payload = JsonSerializer.SerializeToUtf8Bytes(state, ProtocolJsonContext.Wire.StateMessage);
        if (responseTopic is null)
        {
            Enqueue(Messages.State(_topics.State, payload));
            _stateThrottle.Published(now);
        }
        else
        {
            Enqueue(Messages.Reply(responseTopic, correlationData, payload));
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

    private void Enqueue(MQTTnet.MqttApplicationMessage message, TimeSpan? maxAge = null)
    {
        if (!_connection.Enqueue(message, maxAge))
        {
            Log.OutboxFull(_logger, Id, message.Topic);
        }
    }
}
