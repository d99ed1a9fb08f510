using System.Text.Json;
using PiNeurons.Aggregator.Network;
using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Api;

/// <summary>A neuron as <c>GET /api/neurons</c> shows it; <c>Version</c> is its state's, null when the state has none.
/// <c>Status</c> is what its status topic says; <c>Liveness</c> is what the aggregator makes of it and of the neuron's
/// silence (docs/protocol.md section 9, "Heartbeat"), with <c>LivenessReason</c> saying why when it is not plainly online.</summary>
public sealed record NeuronModel(
    string Id,
    string Status,
    string Liveness,
    string? LivenessReason,
    DateTimeOffset? LastHeardAt,
    int? HeartbeatSeconds,
    string? Version,
    JsonElement? State,
    CountersModel? Counters)
{
    /// <summary>From a snapshot.</summary>
    public static NeuronModel From(NeuronSnapshot n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return new(n.Id, n.Status, n.Liveness.State, n.Liveness.Reason, n.LastHeardAt, n.HeartbeatSeconds, n.Version, n.State, n.Counters is { } c ? CountersModel.From(c) : null);
    }
}

/// <summary>A neuron's stored-event counters.</summary>
public sealed record CountersModel(long Events, long Kicks, long Fires, long Refractory, long Errors, long LastSeq, long MissingSeqs, DateTimeOffset LastSeen)
{
    /// <summary>From the store's counters.</summary>
    public static CountersModel From(NeuronCounters c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Events, c.Kicks, c.Fires, c.Refractory, c.Errors, c.LastSeq, c.MissingSeqs, c.LastSeen);
    }
}

/// <summary>An event of the merged timeline; <c>Learned</c> is what a <c>learned</c> event changed, null for the other types.</summary>
public sealed record EventModel(long Id, string Neuron, long Seq, string Type, string? From, DateTimeOffset At, int? Hop, string? Reason, DateTimeOffset ReceivedAt, LearnedModel? Learned)
{
    /// <summary>From a stored event.</summary>
    public static EventModel Of(StoredEvent s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var e = s.Event;
        return new(s.Id, e.Neuron, e.Seq, e.Type, e.From, e.At, e.Hop, e.Reason, e.ReceivedAt, LearnedModel.Of(e));
    }
}

/// <summary>One page of the timeline and the link to the next (older) one.</summary>
public sealed record EventPageModel(IReadOnlyList<EventModel> Events, string? Next);

/// <summary>An error answer.</summary>
public sealed record ErrorModel(string Error);

/// <summary>A command accepted by the broker.</summary>
public sealed record CommandModel(string Topic);

/// <summary>The answer of <c>/healthz</c>; <c>Ingest</c> is the ingest mode, <c>shared</c> or <c>all</c>.</summary>
public sealed record HealthModel(string Status, string Mqtt, string Store, string Ingest);
