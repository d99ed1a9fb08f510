using PiNeurons.Core.Manifest;

namespace PiNeurons.Cli.Secrets;

/// <summary>
/// What each login may do on the broker, from the manifest, as roles of Mosquitto's dynamic-security plugin: one for the
/// operators, one for the aggregator and one per neuron (Mosquitto 2.0 roles have no %u substitution, so a neuron's own
/// topics are written into a role of its own). Anything no rule allows is refused: the file's defaults deny
/// (<see cref="DynamicSecurityFile"/>). Each subscribe right comes with the right to receive what it matches, because the
/// plugin checks both: the first at SUBSCRIBE, the second on every message delivered, retained ones included.
/// Topics are docs/protocol.md's; connections are the manifest's, so the roles go stale when <c>apply</c> or <c>set</c>
/// changes them (docs/security.md).
/// </summary>
internal static class BrokerRoles
{
    public const string OperatorRole = "operator";

    public const string AggregatorRole = "aggregator";

    // Under <root>/<id>/: what a neuron publishes, and the commands it is sent.
    private static readonly string[] NeuronPublishes = ["status", "state", "events", "sensors/#"];
    private static readonly string[] Commands = ["kick", "fire", "query", "set", "teach"];

    // Under <root>/+/: what the aggregator stores, and the commands of its API.
    private static readonly string[] Stored = ["events", "status", "state"];
    private static readonly string[] ApiCommands = ["kick", "fire", "set", "teach"];

    /// <summary>The role of neuron <paramref name="id"/>; the prefix keeps it apart from the operators' and the aggregator's.</summary>
    public static string NeuronRole(string id) => "neuron-" + id;

    /// <summary>Operators command every neuron, read everything under the root, and send and read the replies to their requests.</summary>
    public static BrokerRole Operator(ClusterManifest manifest, string root)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        List<RoleAcl> acls = [Send(root + "/#"), .. Read(root + "/#")];
        // MqttRequestClient's reply topic, <root>-replies/<client id>: the answers of query and set, and the message a
        // tool sends itself there to know it has every retained status (pineurons status).
        acls.AddRange([Send(Replies(root) + "/#"), .. Read(Replies(root) + "/#")]);
        if (manifest.HomeAssistant is { Discovery: true, Prefix: var prefix })
        {
            // Home Assistant logs in as an operator: it reads the devices the nodes announce and says online on <prefix>/status.
            acls.AddRange([Send(prefix + "/#"), .. Read(prefix + "/#")]);
        }

        return new BrokerRole(OperatorRole, acls);
    }

    /// <summary>The aggregator reads what it stores and publishes only the commands of its API.</summary>
    public static BrokerRole Aggregator(string root)
    {
        List<RoleAcl> acls = [.. Stored.SelectMany(leaf => Read($"{root}/+/{leaf}"))];
        // The replicas of the PostgreSQL override split the events with a shared subscription, whose filter the plugin
        // checks whole, $share/<group>/ included; what it delivers is checked against the events topic above.
        acls.Add(new RoleAcl(RoleAcl.SubscribePattern, $"$share/+/{root}/+/events"));
        acls.AddRange(ApiCommands.Select(leaf => Send($"{root}/+/{leaf}")));
        return new BrokerRole(AggregatorRole, acls);
    }

    /// <summary>A neuron publishes its own topics, the kick of each neuron it is wired to and replies to requests; it
    /// receives only its own commands. It may not teach another neuron: a teach is the operator's word (the page's Teach
    /// buttons go through the aggregator), and no neuron sends one.</summary>
    public static BrokerRole Neuron(ClusterManifest manifest, string root, NeuronEntry neuron)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(neuron);
        var own = $"{root}/{neuron.Id}";
        List<RoleAcl> acls = [.. NeuronPublishes.Select(leaf => Send($"{own}/{leaf}"))];
        // Literal: the node subscribes to each command topic by name, and nothing wider is any neuron's business.
        acls.AddRange(Commands.SelectMany(leaf => ReadExactly($"{own}/{leaf}")));
        // A query, set or teach with an MQTT 5 response topic is answered there (docs/protocol.md); the CLI's requests name
        // <root>-replies/<client id>.
        acls.Add(Send(Replies(root) + "/+"));
        acls.AddRange(neuron.Config.Connections.Select(target => Send($"{root}/{target}/kick")));
        if (manifest.HomeAssistant is { Discovery: true, Prefix: var prefix })
        {
            // Home Assistant discovery (docs/mqtt-tools.md): a node announces its neurons' devices and hears Home Assistant
            // come online. The configs' object ids derive from the root, so the right is to the whole prefix: a neuron
            // could overwrite another's config, never command it.
            acls.Add(Send(prefix + "/#"));
            acls.AddRange(ReadExactly(prefix + "/status"));
        }

        return new BrokerRole(NeuronRole(neuron.Id), acls);
    }

    private static string Replies(string root) => root + "-replies";

    private static RoleAcl Send(string filter) => new(RoleAcl.Send, filter);

    // Subscribe to the filter or any narrower one, and receive what it matches.
    private static RoleAcl[] Read(string filter) => [new(RoleAcl.SubscribePattern, filter), new(RoleAcl.Receive, filter)];

    // Subscribe to exactly this topic, and receive it.
    private static RoleAcl[] ReadExactly(string topic) => [new(RoleAcl.SubscribeLiteral, topic), new(RoleAcl.Receive, topic)];
}
