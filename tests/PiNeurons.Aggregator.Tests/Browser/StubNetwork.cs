using System.Globalization;
using PiNeurons.Core.Manifest;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Browser;

/// <summary>What the stub aggregator knows of one neuron: enough to answer /api/neurons and /api/topology.</summary>
internal sealed class StubNeuron
{
    public required string Id { get; init; }

    public string Status { get; set; } = "online";

    /// <summary>What the aggregator makes of its silence; null as from an aggregator older than liveness.</summary>
    public string? Liveness { get; set; }

    /// <summary>Why, when it is not plainly online.</summary>
    public string? LivenessReason { get; set; }

    /// <summary>The heartbeat its state announces, in seconds.</summary>
    public int? HeartbeatSeconds { get; set; }

    /// <summary>When the aggregator last heard it fresh (ISO 8601).</summary>
    public string? LastHeardAt { get; set; }

    /// <summary>Its node's version, as its state carries it; null as from a node older than that field.</summary>
    public string? Version { get; set; }

    public double Threshold { get; set; } = 0.9;

    public Dictionary<string, double> Weights { get; init; } = new(StringComparer.Ordinal);

    public List<string> Connections { get; init; } = [];

    public long FiredCount { get; set; }

    public long Kicks { get; set; }

    public long Fires { get; set; }

    public long Errors { get; set; }

    public long LastSeq { get; set; }

    public long MissingSeqs { get; set; }

    public string? LastSeen { get; set; }
}

/// <summary>Canned networks for the page tests.</summary>
internal static class StubNetwork
{
    /// <summary>The demo network, read from firmware-config/xor.yaml, so the page is tested on the network people run;
    /// every neuron carries <paramref name="version"/>.</summary>
    public static List<StubNeuron> Xor(string? version = null)
    {
        var manifest = ClusterManifest.Parse(File.ReadAllText(RepoFiles.XorManifest), "xor.yaml");
        return [.. manifest.Neurons.Select(n => new StubNeuron
        {
            Id = n.Id,
            Version = version,
            Threshold = n.Config.Threshold,
            Weights = new Dictionary<string, double>(n.Config.Weights, StringComparer.Ordinal),
            Connections = [.. n.Config.Connections],
        })];
    }

    /// <summary><paramref name="layers"/> × <paramref name="perLayer"/> neurons <c>n{layer}_{i}</c>; every neuron but the last
    /// layer's feeds 3 of the next layer, and the first 60 also one two layers on: 600 edges for 10 × 20, every fifth inhibitory.</summary>
    public static List<StubNeuron> Layered(int layers, int perLayer)
    {
        static string Id(int layer, int i) => string.Create(CultureInfo.InvariantCulture, $"n{layer}_{i}");
        var all = new Dictionary<string, StubNeuron>(StringComparer.Ordinal);
        for (var l = 0; l < layers; l++)
        {
            for (var i = 0; i < perLayer; i++)
            {
                all[Id(l, i)] = new StubNeuron { Id = Id(l, i), Threshold = 1 };
            }
        }

        var count = 0;
        void Connect(string from, string to)
        {
            all[from].Connections.Add(to);
            all[to].Weights[from] = count++ % 5 == 4 ? -1.5 : 1;
        }

        for (var l = 0; l < layers - 1; l++)
        {
            for (var i = 0; i < perLayer; i++)
            {
                for (var k = 0; k < 3; k++)
                {
                    Connect(Id(l, i), Id(l + 1, (i + (k * 7)) % perLayer));
                }
            }
        }

        foreach (var n in all.Values.Take(60).ToList())
        {
            var layer = int.Parse(n.Id[1..n.Id.IndexOf('_', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            if (layer + 2 < layers)
            {
                Connect(n.Id, Id(layer + 2, (int.Parse(n.Id[(n.Id.IndexOf('_', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture) + 3) % perLayer));
            }
        }

        return [.. all.Values];
    }

    /// <summary>The layer rule of docs/aggregator-api.md: 0 for neurons nobody feeds, else 1 + the largest layer of
    /// the neurons feeding it (a longest path; the test networks have no cycle).</summary>
    public static Dictionary<string, int> Layers(IReadOnlyCollection<StubNeuron> neurons)
    {
        var ids = neurons.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var layer = neurons.ToDictionary(n => n.Id, _ => 0, StringComparer.Ordinal);
        for (var round = 0; round < neurons.Count; round++)
        {
            var changed = false;
            foreach (var n in neurons)
            {
                foreach (var to in n.Connections.Where(ids.Contains))
                {
                    if (layer[to] < layer[n.Id] + 1)
                    {
                        layer[to] = layer[n.Id] + 1;
                        changed = true;
                    }
                }
            }

            if (!changed)
            {
                break;
            }
        }

        return layer;
    }
}

/// <summary>Files of the repository the tests read.</summary>
internal static class RepoFiles
{
    /// <summary>firmware-config/xor.yaml, found above the test's output directory.</summary>
    public static string XorManifest => RepoFile.XorManifest;

    /// <summary>firmware-config/xor-learn.yaml: the XOR network whose z learns its weights by the perceptron rule.</summary>
    public static string XorLearnManifest => RepoFile.Find("firmware-config/xor-learn.yaml");
}
