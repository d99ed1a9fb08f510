namespace PiNeurons.Core.Manifest;

/// <summary>
/// The cluster manifest: one YAML file that every Pi gets, describing the broker, each Pi by hostname,
/// the neurons it hosts with their pins, and the initial topology. Each node picks its own entries.
/// </summary>
public sealed class ClusterManifest
{
    /// <summary>The aggregator's MQTT user name (pineurons secrets, the Swarm stack).</summary>
    public const string AggregatorUser = "aggregator";

    /// <summary>The operator user name pineurons secrets creates when the manifest lists no <c>operators</c>.</summary>
    public const string DefaultOperator = "operator";

    internal ClusterManifest(int version, string root, string? broker, IReadOnlyList<HostEntry> hosts, IReadOnlyList<string> operators)
    {
        Operators = operators;
        Version = version;
        Root = root;
        Broker = broker;
        Hosts = hosts;
        Neurons = [.. hosts.SelectMany(h => h.Neurons)];
    }

    /// <summary>Manifest format version (1).</summary>
    public int Version { get; }

    /// <summary>The topic root.</summary>
    public string Root { get; }

    /// <summary>The broker URL the nodes connect to, if given; the nodes of a clustered broker are separated by commas.</summary>
    public string? Broker { get; }

    /// <summary>The operators' MQTT user names (<c>operators:</c>); empty when the manifest lists none.</summary>
    public IReadOnlyList<string> Operators { get; }

    /// <summary>Seconds between two heartbeats of every neuron (<c>heartbeatSeconds:</c>, docs/protocol.md section 9), if
    /// given; a node's <c>--heartbeat</c> wins, and without either a node beats every 30 s.</summary>
    public int? HeartbeatSeconds { get; init; }

    /// <summary>Home Assistant MQTT discovery; off unless the manifest turns it on.</summary>
    public HomeAssistantEntry HomeAssistant { get; init; } = new();

    /// <summary>The Pis of the cluster.</summary>
    public IReadOnlyList<HostEntry> Hosts { get; }

    /// <summary>Every neuron of every host.</summary>
    public IReadOnlyList<NeuronEntry> Neurons { get; }

    /// <summary>The host named <paramref name="name"/> (case-insensitive, as hostnames are).</summary>
    public HostEntry? FindHost(string name) =>
        Hosts.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The neuron <paramref name="id"/>.</summary>
    public NeuronEntry? FindNeuron(string id) => Neurons.FirstOrDefault(n => n.Id == id);

    /// <summary>Parses and validates manifest YAML; throws <see cref="ManifestException"/> listing every problem.</summary>
    public static ClusterManifest Parse(string yaml, string sourceName = "manifest") =>
        new ManifestParser(sourceName).Parse(yaml);
}
