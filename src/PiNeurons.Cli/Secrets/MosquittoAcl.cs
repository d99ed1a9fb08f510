using System.Text;
using PiNeurons.Core.Manifest;

namespace PiNeurons.Cli.Secrets;

/// <summary>
/// The broker's ACL file (Mosquitto's <c>acl_file</c>), from the manifest: what each login may publish
/// (<c>write</c>) and receive (<c>read</c>). Only <c>user</c> sections, no <c>pattern</c> lines: a pattern
/// applies to every user, so one written for neurons would also bind the aggregator and the operators,
/// and a <c>%c</c> pattern trusts the client id, which the client chooses. A user with no section may do
/// nothing. Topics are docs/protocol.md's; connections are the manifest's, so the file goes stale when
/// <c>apply</c> or <c>set</c> changes them (README.md, "Lock the cluster down").
/// </summary>
internal static class MosquittoAcl
{
    /// <summary>The ACL text for <paramref name="manifest"/>'s neurons under <paramref name="root"/>, the aggregator (and the
    /// names of its replicas in <paramref name="aggregators"/>) and <paramref name="operators"/>.</summary>
    public static string Build(ClusterManifest manifest, string root, IReadOnlyList<string> operators, IReadOnlyList<string>? aggregators = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(operators);
        var replies = root + "-replies";
        var text = new StringBuilder();
        text.Append("# Mosquitto ACL made by `pineurons secrets` from the cluster manifest. Regenerate it (and reload the\n")
            .Append("# broker) whenever apply or set changes a neuron's connections: README.md, \"Lock the cluster down\".\n")
            .Append("# write = may publish, read = may receive. A login without a section may do nothing.\n");

        foreach (var name in operators)
        {
            Section(text, name, "operator: commands every neuron, reads everything, and the replies to its requests");
            text.Append("topic readwrite ").Append(root).Append("/#\n");
            // MqttRequestClient's reply topic, <root>-replies/<client id>: the answers of query and set, and the
            // message a tool sends itself there to know it has every retained status (pineurons status).
            text.Append("topic readwrite ").Append(replies).Append("/#\n");
            if (manifest.HomeAssistant is { Discovery: true, Prefix: var haPrefix })
            {
                // Home Assistant logs in as an operator: it reads the devices the nodes announce and says
                // online on <prefix>/status.
                text.Append("topic readwrite ").Append(haPrefix).Append("/#\n");
            }
        }

        foreach (var aggregator in aggregators ?? [ClusterManifest.AggregatorUser])
        {
            Section(text, aggregator, "aggregator: reads what it stores, publishes only the commands of its API");
            foreach (var leaf in new[] { "events", "status", "state" })
            {
                text.Append("topic read ").Append(root).Append("/+/").Append(leaf).Append('\n');
            }

            foreach (var leaf in new[] { "kick", "fire", "set" })
            {
                text.Append("topic write ").Append(root).Append("/+/").Append(leaf).Append('\n');
            }
        }

        foreach (var neuron in manifest.Neurons)
        {
            var own = $"{root}/{neuron.Id}";
            Section(text, neuron.Id, $"neuron on {neuron.Host}: its own publications, its commands, kicks to its connections");
            foreach (var leaf in new[] { "status", "state", "events", "sensors/#" })
            {
                text.Append("topic write ").Append(own).Append('/').Append(leaf).Append('\n');
            }

            foreach (var leaf in new[] { "kick", "fire", "query", "set" })
            {
                text.Append("topic read ").Append(own).Append('/').Append(leaf).Append('\n');
            }

            // A query or set with an MQTT 5 response topic is answered there (docs/protocol.md); the CLI's
            // requests name <root>-replies/<client id>.
            text.Append("topic write ").Append(replies).Append("/+\n");
            foreach (var target in neuron.Config.Connections)
            {
                text.Append("topic write ").Append(root).Append('/').Append(target).Append("/kick\n");
            }

            if (manifest.HomeAssistant is { Discovery: true, Prefix: var prefix })
            {
                // Home Assistant discovery (docs/mqtt-tools.md): a node announces its neurons' devices and
                // hears Home Assistant come online. The configs' object ids derive from the root, so the
                // write is to the whole prefix: a neuron could overwrite another's config, never command it.
                text.Append("topic write ").Append(prefix).Append("/#\n");
                text.Append("topic read ").Append(prefix).Append("/status\n");
            }
        }

        return text.ToString();
    }

    private static void Section(StringBuilder text, string user, string why) =>
        text.Append('\n').Append("# ").Append(why).Append('\n').Append("user ").Append(user).Append('\n');
}
