using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Mqtt;
using PiNeurons.Node.HomeAssistant;

namespace PiNeurons.Node.Hosting;

/// <summary>What a node process hosts, resolved and validated from its options and manifest.</summary>
/// <param name="Broker">The broker to connect to: one, or the nodes of a cluster, tried in turn.</param>
/// <param name="Root">The topic root.</param>
/// <param name="StateDir">Where runtime config is persisted.</param>
/// <param name="Hosts">The hosts (Pis) whose neurons run in this process; one unless <c>--node all</c>.</param>
public sealed record NodePlan(BrokerList Broker, string Root, string StateDir, IReadOnlyList<PlannedHost> Hosts)
{
    /// <summary>One login for every neuron (<c>--username</c>/<c>--password-file</c>), when the broker requires one.</summary>
    public MqttCredentials? Credentials { get; init; }

    /// <summary>Each neuron's own login by neuron id (<c>--password-dir</c>); empty when every neuron uses <see cref="Credentials"/>.</summary>
    public IReadOnlyDictionary<string, MqttCredentials> NeuronCredentials { get; init; } =
        new Dictionary<string, MqttCredentials>(StringComparer.Ordinal);

    /// <summary>CA pinning and client certificate for an <c>mqtts://</c> broker, or null.</summary>
    public Mqtt.Tls.MqttTls? Tls { get; init; }

    /// <summary>Each neuron's own TLS, with its client certificate, by neuron id (<c>--cert-dir</c>); empty when every neuron uses <see cref="Tls"/>.</summary>
    public IReadOnlyDictionary<string, Mqtt.Tls.MqttTls> NeuronTls { get; init; } =
        new Dictionary<string, Mqtt.Tls.MqttTls>(StringComparer.Ordinal);

    /// <summary>How often each neuron republishes its status and state (docs/protocol.md section 9, "Heartbeat").</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(Core.Protocol.Heartbeat.DefaultSeconds);

    /// <summary>Home Assistant MQTT discovery: announced only when present with <c>Discovery</c> true.</summary>
    public HomeAssistantEntry? HomeAssistant { get; init; }

    /// <summary>Each neuron's sensors as Home Assistant entities, by neuron id (a neuron not listed has none).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DiscoverySensor>> DiscoverySensors { get; init; } =
        new Dictionary<string, IReadOnlyList<DiscoverySensor>>(StringComparer.Ordinal);

    /// <summary>The earliest believable time, when not the build day (tests move it past now).</summary>
    internal DateTimeOffset? ClockFloor { get; init; }

    /// <summary>The login neuron <paramref name="neuronId"/> connects with: its own, else the shared one, else none.</summary>
    public MqttCredentials? CredentialsFor(string neuronId) =>
        NeuronCredentials.TryGetValue(neuronId, out var own) ? own : Credentials;

    /// <summary>The TLS neuron <paramref name="neuronId"/> connects with: its own (with its certificate), else the shared one.</summary>
    public Mqtt.Tls.MqttTls? TlsFor(string neuronId) =>
        NeuronTls.TryGetValue(neuronId, out var own) ? own : Tls;

    /// <summary>Every neuron of the plan.</summary>
    public IEnumerable<NeuronEntry> Neurons => Hosts.SelectMany(h => h.Neurons);
}

/// <summary>One host's neurons and the GPIO they use.</summary>
/// <param name="Name">The host name (from the manifest, or <c>adhoc</c>).</param>
/// <param name="Driver">The GPIO driver.</param>
/// <param name="Chip">The gpiochip number the manifest names (gpio.chip); null: the header's chip, found by label.</param>
/// <param name="Neurons">The neurons.</param>
public sealed record PlannedHost(string Name, GpioDriverKind Driver, int? Chip, IReadOnlyList<NeuronEntry> Neurons)
{
    /// <summary>The label the chip must carry (gpio.label), when the manifest names one.</summary>
    public string? ChipLabel { get; init; }

    /// <summary>The chip as the chip rule takes it.</summary>
    public GpioChipRequest ChipRequest => new(Chip, ChipLabel);
}

/// <summary>An MQTT user name and password.</summary>
/// <param name="Username">The user name.</param>
/// <param name="Password">The password, read from a file.</param>
public sealed record MqttCredentials(string Username, string Password)
{
    /// <summary>Keeps the password out of logs and exception messages.</summary>
    public override string ToString() => $"{Username} (password hidden)";
}
