using PiNeurons.Core.Configuration;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Node.Runtime;

/// <summary>The model's decisions out: events, kicks to connections, the LED, state and replies.</summary>
internal sealed partial class NeuronRuntime
{
    public void OnEvent(in NeuronEvent neuronEvent) => _publisher.AddEvent(neuronEvent);

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
        _publisher.FlushEvents();
        PublishState(now, null, null, includeLog: false);
        if (work.ResponseTopic is not null)
        {
            PublishState(now, work.ResponseTopic, work.CorrelationData, includeLog: false);
        }
    }

    private void RefuseSet(in NeuronWork work, DateTimeOffset now, string reason)
    {
        OnEvent(new NeuronEvent(NeuronEventType.Error, null, now, null, reason));
        _publisher.FlushEvents();
        if (work.ResponseTopic is not null)
        {
            _publisher.ErrorReply(work.ResponseTopic, work.CorrelationData, now, reason);
        }
    }

    private void PublishState(DateTimeOffset now, string? responseTopic, byte[]? correlationData, bool includeLog)
    {
        _publisher.State(now, SensorSnapshot(), includeLog, responseTopic, correlationData);
        if (responseTopic is null)
        {
            _stateThrottle.Published(now);
        }
    }
}
