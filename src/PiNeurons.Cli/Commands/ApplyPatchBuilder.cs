using System.Text.Json;
using System.Text.Json.Nodes;
using PiNeurons.Core.Protocol;
using PiNeurons.Core.Model;

namespace PiNeurons.Cli.Commands;

/// <summary>
/// The <c>set</c> patch that makes a neuron's config equal the manifest's. A merge patch merges objects
/// (RFC 7396), so weights the neuron has and the manifest does not are removed explicitly with null. The learning
/// config goes only when it differs: a node older than learning refuses the field, and has none to change.
/// </summary>
internal static class ApplyPatchBuilder
{
    public static JsonObject Build(NeuronConfig wanted, NeuronConfig current)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(current);
        var currentWeights = current.Weights;
        var weights = new JsonObject();
        foreach (var (source, weight) in wanted.Weights.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            weights[source] = weight;
        }

        foreach (var extra in currentWeights.Keys.Where(k => !wanted.Weights.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            weights[extra] = null;
        }

        var connections = new JsonArray();
        foreach (var id in wanted.Connections)
        {
            connections.Add(id);
        }

        var patch = new JsonObject
        {
            ["threshold"] = wanted.Threshold,
            ["weights"] = weights,
            ["connections"] = connections,
            ["refractoryMs"] = wanted.RefractoryMs,
            ["inputLastingMs"] = wanted.InputLastingMs,
            ["integrationWindowMs"] = wanted.IntegrationWindowMs,
            ["maxHops"] = wanted.MaxHops,
            ["maxFiresPerSecond"] = wanted.MaxFiresPerSecond,
        };
        if (!wanted.Learning.Equals(current.Learning))
        {
            // The rule and all its parameters: a merge onto the same rule sets each, a change of rule starts from defaults.
            patch["learning"] = JsonSerializer.SerializeToNode(wanted.Learning, ProtocolJsonContext.Default.LearningConfig);
        }

        return patch;
    }
}
