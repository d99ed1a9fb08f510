using PiNeurons.Aggregator.Latency;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Aggregator.Network;

/// <summary>Turns neuron snapshots into a layered graph: inputs on the left, outputs on the right.</summary>
public static class TopologyLayout
{
    /// <summary>
    /// Builds the graph. A neuron's layer is the length of the longest path reaching it from a neuron
    /// nothing feeds; edges that close a cycle are ignored for layering (they are still drawn), so a
    /// loop cannot push layers to infinity. Each edge carries its delay from <paramref name="latencies"/>, when it has one.
    /// </summary>
    public static Topology Build(IReadOnlyList<NeuronSnapshot> neurons, IReadOnlyDictionary<EdgeKey, EdgeLatency>? latencies = null)
    {
        ArgumentNullException.ThrowIfNull(neurons);
        var byId = neurons.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var edges = new List<TopologyEdge>();
        var successors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var n in neurons)
        {
            foreach (var to in n.Connections)
            {
                double? weight = byId.TryGetValue(to, out var target) && target.State is not null
                    ? target.Weights.GetValueOrDefault(n.Id)
                    : null;
                edges.Add(new TopologyEdge(n.Id, to, weight, latencies?.GetValueOrDefault(new EdgeKey(n.Id, to))));
                if (byId.ContainsKey(to) && to != n.Id)
                {
                    (successors.TryGetValue(n.Id, out var list) ? list : successors[n.Id] = []).Add(to);
                }
            }
        }

        var layers = Layer(neurons.Select(n => n.Id).ToList(), successors);
        var nodes = neurons
            .Select(n => new TopologyNode(n.Id, layers[n.Id], n.Status, n.Threshold, n.FiredCount, n.Counters?.MissingSeqs ?? 0, n.Learning))
            .ToList();
        var versions = VersionSpread.Of(neurons.Select(n => (n.Id, n.Version)));
        return new Topology(nodes, edges, versions.Groups, versions.Mixed);
    }

    private static Dictionary<string, int> Layer(List<string> ids, Dictionary<string, List<string>> successors)
    {
        // Depth-first order drops back edges, giving a DAG; then longest path in topological order.
        var order = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the stack, 2 done
        var dag = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var hasIncoming = successors.Values.SelectMany(s => s).ToHashSet(StringComparer.Ordinal);
        // Sources first so that, in a graph with cycles, the inputs keep layer 0.
        foreach (var start in ids.Where(i => !hasIncoming.Contains(i)).Concat(ids))
        {
            if (state.ContainsKey(start))
            {
                continue;
            }

            var stack = new Stack<(string Id, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            while (stack.Count > 0)
            {
                var (id, next) = stack.Pop();
                var succ = successors.GetValueOrDefault(id) ?? [];
                if (next < succ.Count)
                {
                    stack.Push((id, next + 1));
                    var to = succ[next];
                    if (!state.TryGetValue(to, out var s))
                    {
                        (dag.TryGetValue(id, out var l) ? l : dag[id] = []).Add(to);
                        state[to] = 1;
                        stack.Push((to, 0));
                    }
                    else if (s == 2)
                    {
                        (dag.TryGetValue(id, out var l) ? l : dag[id] = []).Add(to);
                    }
                    // s == 1: a back edge, which would close a cycle.
                }
                else
                {
                    state[id] = 2;
                    order.Add(id);
                }
            }
        }

        var layers = ids.ToDictionary(i => i, _ => 0, StringComparer.Ordinal);
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var id = order[i];
            foreach (var to in dag.GetValueOrDefault(id) ?? [])
            {
                layers[to] = Math.Max(layers[to], layers[id] + 1);
            }
        }

        return layers;
    }
}
