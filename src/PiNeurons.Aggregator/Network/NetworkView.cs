using System.Text.Json;
using PiNeurons.Aggregator.Storage;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Aggregator.Network;

/// <summary>
/// The aggregator's picture of the network: every neuron's status, state, counters and liveness, kept in memory
/// from the retained MQTT topics, the events and the store. Thread-safe; readers get immutable snapshots.
/// </summary>
public sealed class NetworkView(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, NeuronSnapshot> _neurons = new(StringComparer.Ordinal);

    /// <summary>Raised (outside the lock) with the neuron that changed and whether the graph's shape changed. A heartbeat
    /// that only confirms what was known raises nothing; its liveness turning does.</summary>
    public event Action<NeuronSnapshot, bool>? Changed;

    /// <summary>Every neuron, by id.</summary>
    public IReadOnlyList<NeuronSnapshot> Snapshot()
    {
        lock (_gate)
        {
            return [.. _neurons.Values.OrderBy(n => n.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>One neuron, or null when unknown.</summary>
    public NeuronSnapshot? Get(string id)
    {
        lock (_gate)
        {
            return _neurons.GetValueOrDefault(id);
        }
    }

    /// <summary>Applies a status payload received at <paramref name="receivedAt"/>; an empty one (a cleared retained
    /// message) makes it unknown. <paramref name="retained"/>: it came because it was retained when the aggregator
    /// subscribed, a claim rather than a sign of life.</summary>
    public void SetStatus(string id, string payload, bool retained, DateTimeOffset receivedAt)
    {
        var status = payload switch
        {
            StatusPayloads.Online => NeuronStatus.Online,
            StatusPayloads.Offline => NeuronStatus.Offline,
            _ => NeuronStatus.Unknown,
        };
        // Clearing a retained status is someone else tidying up, not the neuron speaking.
        var fresh = !retained && status != NeuronStatus.Unknown;
        Update(
            id,
            n => Heard(n with { Status = status }, fresh, receivedAt),
            shapeChanged: (_, _) => false,
            visible: (before, after) => before.Status != after.Status);
    }

    /// <summary>Applies a state payload received at <paramref name="receivedAt"/>; null (a cleared retained message)
    /// forgets the state. <paramref name="retained"/> as for <see cref="SetStatus"/>.</summary>
    public void SetState(string id, JsonElement? state, bool retained, DateTimeOffset receivedAt)
    {
        Update(
            id,
            n =>
            {
                if (state is not { } s)
                {
                    return Heard(
                        n with { State = null, Threshold = null, FiredCount = null, Version = null, Connections = [], Weights = new Dictionary<string, double>(), Learning = null, HeartbeatSeconds = null },
                        fresh: false,
                        receivedAt);
                }

                var (threshold, firedCount, connections, weights, version, learning, heartbeat) = StateReader.Read(s);
                return Heard(
                    n with { State = s.Clone(), Threshold = threshold, FiredCount = firedCount, Version = version, Connections = connections, Weights = weights, Learning = learning, HeartbeatSeconds = heartbeat },
                    fresh: !retained,
                    receivedAt);
            },
            shapeChanged: (before, after) =>
                !before.Connections.SequenceEqual(after.Connections, StringComparer.Ordinal)
                || !SameWeights(before.Weights, after.Weights),
            // A heartbeat republishes the same state: nothing to show.
            visible: (before, after) => !SameState(before.State, after.State));
    }

    /// <summary>An event of <paramref name="id"/> arrived at <paramref name="receivedAt"/>: a sign of life unless it was retained.</summary>
    public void HeardEvent(string id, bool retained, DateTimeOffset receivedAt)
    {
        if (!retained)
        {
            Update(id, n => Heard(n, fresh: true, receivedAt), shapeChanged: (_, _) => false, visible: (_, _) => false);
        }
    }

    /// <summary>Replaces the counters of the neurons listed (the store is the source of truth for them).</summary>
    public void SetCounters(IEnumerable<NeuronCounters> counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        foreach (var c in counters)
        {
            if (NeuronId.IsValid(c.Neuron))
            {
                Update(c.Neuron, n => n.Counters == c ? n : n with { Counters = c }, shapeChanged: (_, _) => false, visible: (before, after) => !ReferenceEquals(before, after));
            }
        }
    }

    /// <summary>Judges every neuron's liveness again at the current time and raises <see cref="Changed"/> for those whose
    /// liveness turned (a heartbeat overdue, three missed): silence changes nothing else, so only a clock notices it.</summary>
    public void Sweep()
    {
        var now = time.GetUtcNow();
        List<NeuronSnapshot>? turned = null;
        lock (_gate)
        {
            foreach (var n in _neurons.Values.ToList())
            {
                var liveness = LivenessRule.Judge(n.Signs, now);
                if (liveness != n.Liveness)
                {
                    var after = n with { Liveness = liveness };
                    _neurons[n.Id] = after;
                    (turned ??= []).Add(after);
                }
            }
        }

        foreach (var n in turned ?? [])
        {
            Changed?.Invoke(n, false);
        }
    }

    private static NeuronSnapshot Heard(NeuronSnapshot n, bool fresh, DateTimeOffset at) => n with
    {
        FirstHeardAt = n.FirstHeardAt ?? at,
        LastHeardAt = fresh ? at : n.LastHeardAt,
    };

    private void Update(
        string id,
        Func<NeuronSnapshot, NeuronSnapshot> change,
        Func<NeuronSnapshot, NeuronSnapshot, bool> shapeChanged,
        Func<NeuronSnapshot, NeuronSnapshot, bool> visible)
    {
        NeuronSnapshot after;
        bool shape;
        lock (_gate)
        {
            var isNew = !_neurons.TryGetValue(id, out var before);
            before ??= NeuronSnapshot.Unknown(id);
            after = change(before);
            if (!isNew && ReferenceEquals(after, before))
            {
                return;
            }

            var liveness = LivenessRule.Judge(after.Signs, time.GetUtcNow());
            if (liveness != after.Liveness)
            {
                after = after with { Liveness = liveness };
            }

            _neurons[id] = after;
            shape = isNew || shapeChanged(before, after);
            if (!shape && before.Liveness == after.Liveness && !visible(before, after))
            {
                return;
            }
        }

        Changed?.Invoke(after, shape);
    }

    private static bool SameState(JsonElement? a, JsonElement? b) =>
        a is { } x && b is { } y ? JsonElement.DeepEquals(x, y) : a is null && b is null;

    private static bool SameWeights(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v.Equals(kv.Value));
}
