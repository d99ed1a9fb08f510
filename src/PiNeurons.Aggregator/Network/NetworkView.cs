using System.Text.Json;
using PiNeurons.Aggregator.Storage;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Aggregator.Network;

/// <summary>
/// The aggregator's picture of the network: every neuron's status, state and counters, kept in memory
/// from the retained MQTT topics and the store. Thread-safe; readers get immutable snapshots.
/// </summary>
public sealed class NetworkView
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, NeuronSnapshot> _neurons = new(StringComparer.Ordinal);

    /// <summary>Raised (outside the lock) with the neuron that changed and whether the graph's shape changed.</summary>
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

    /// <summary>Applies a retained status payload; an empty one (a cleared retained message) makes it unknown.</summary>
    public void SetStatus(string id, string payload)
    {
        var status = payload switch
        {
            StatusPayloads.Online => NeuronStatus.Online,
            StatusPayloads.Offline => NeuronStatus.Offline,
            _ => NeuronStatus.Unknown,
        };
        Update(id, n => n.Status == status ? n : n with { Status = status }, shapeChanged: (_, _) => false);
    }

    /// <summary>Applies a state payload; null (a cleared retained message) forgets the state.</summary>
    public void SetState(string id, JsonElement? state)
    {
        Update(
            id,
            n =>
            {
                if (state is not { } s)
                {
                    return n with { State = null, Threshold = null, FiredCount = null, Version = null, Connections = [], Weights = new Dictionary<string, double>(), Learning = null };
                }

                var (threshold, firedCount, connections, weights, version, learning) = StateReader.Read(s);
                return n with { State = s.Clone(), Threshold = threshold, FiredCount = firedCount, Version = version, Connections = connections, Weights = weights, Learning = learning };
            },
            shapeChanged: (before, after) =>
                !before.Connections.SequenceEqual(after.Connections, StringComparer.Ordinal)
                || !SameWeights(before.Weights, after.Weights));
    }

    /// <summary>Replaces the counters of the neurons listed (the store is the source of truth for them).</summary>
    public void SetCounters(IEnumerable<NeuronCounters> counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        foreach (var c in counters)
        {
            if (NeuronId.IsValid(c.Neuron))
            {
                Update(c.Neuron, n => n.Counters == c ? n : n with { Counters = c }, shapeChanged: (_, _) => false);
            }
        }
    }

    private void Update(string id, Func<NeuronSnapshot, NeuronSnapshot> change, Func<NeuronSnapshot, NeuronSnapshot, bool> shapeChanged)
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

            shape = isNew || shapeChanged(before, after);
            _neurons[id] = after;
        }

        Changed?.Invoke(after, shape);
    }

    private static bool SameWeights(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v.Equals(kv.Value));
}
