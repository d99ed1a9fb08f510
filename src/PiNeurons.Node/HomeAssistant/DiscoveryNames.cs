using System.Security.Cryptography;
using System.Text;

namespace PiNeurons.Node.HomeAssistant;

/// <summary>
/// The ids a neuron's entities get in Home Assistant. Home Assistant allows only
/// <c>[a-zA-Z0-9_-]</c> in the node_id and object_id levels of a discovery topic, and unique ids must not
/// collide between clusters sharing one broker, so both come from the topic root.
/// </summary>
internal static class DiscoveryNames
{
    /// <summary>
    /// The node_id for <paramref name="root"/>: the root itself when it is one level (already a valid id),
    /// else its levels joined by <c>_</c> plus a short hash of the root, so <c>a/b</c> and a root literally
    /// named <c>a_b</c> stay apart.
    /// </summary>
    public static string NodeId(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (!root.Contains('/', StringComparison.Ordinal))
        {
            return root;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(root));
        return root.Replace('/', '_') + "_" + Convert.ToHexStringLower(hash, 0, 4);
    }

    /// <summary>The object_id (and unique id) of entity <paramref name="entity"/> of neuron <paramref name="neuronId"/>.</summary>
    public static string ObjectId(string nodeId, string neuronId, string entity) => $"{nodeId}_{neuronId}_{entity}";

    /// <summary>The topic Home Assistant announces itself on (<c>online</c> after it starts) under <paramref name="prefix"/>.</summary>
    public static string StatusTopic(string prefix) => prefix + "/status";

    /// <summary>
    /// The topic of neuron <paramref name="neuronId"/>'s device config. Home Assistant's migration advice is to make the
    /// former node_id the device's object_id; that one level is shared by every neuron of the root, so the neuron id joins it.
    /// </summary>
    public static string DeviceTopic(string prefix, string nodeId, string neuronId) => $"{prefix}/device/{nodeId}_{neuronId}/config";

    /// <summary>The identifier of a neuron's device.</summary>
    public static string DeviceId(string nodeId, string neuronId) => $"pineurons_{nodeId}_{neuronId}";
}
