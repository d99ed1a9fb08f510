using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Mqtt;
using PiNeurons.Mqtt.Tls;
using PiNeurons.Node.HomeAssistant;

namespace PiNeurons.Node.Hosting;

/// <summary>
/// Turns <see cref="NodeOptions"/> into a <see cref="NodePlan"/>, validating everything before anything
/// starts: a misconfigured Pi fails <c>systemctl start</c> with a message naming the option, not at its
/// first kick.
/// </summary>
public static class NodePlanner
{
    /// <summary>The broker used when none is configured anywhere.</summary>
    public const string DefaultBroker = "mqtt://127.0.0.1:1883";

    /// <summary>Builds the plan. <paramref name="hostname"/> is this machine's name (the default <c>--node</c>);
    /// <paramref name="stateDirectoryEnv"/> is systemd's STATE_DIRECTORY, if set.</summary>
    /// <exception cref="NodeConfigurationException">The options cannot work.</exception>
    public static NodePlan Create(NodeOptions options, string hostname, string? stateDirectoryEnv)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Manifest is not null && options.Neurons is not null)
        {
            throw new NodeConfigurationException("--manifest and --neurons exclude each other: host a manifest's neurons, or ad-hoc ones.");
        }

        if (options.Manifest is null && options.Neurons is null)
        {
            throw new NodeConfigurationException(
                "nothing to host: give --manifest FILE (e.g. firmware-config/xor.yaml) or --neurons a,b,c. Run with --help for more.");
        }

        var manifest = options.Manifest is null ? null : LoadManifest(options.Manifest);
        var root = options.Root ?? manifest?.Root ?? ProtocolLimits.DefaultRoot;
        if (!TopicScheme.IsValidRoot(root))
        {
            throw new NodeConfigurationException($"--root: '{NeuronId.Describe(root)}' is not a valid topic root (segments of A-Z a-z 0-9 _ - separated by '/').");
        }

        var brokerText = options.Broker ?? manifest?.Broker ?? DefaultBroker;
        if (!BrokerList.TryParse(brokerText, out var broker, out var brokerError))
        {
            throw new NodeConfigurationException($"--broker: {brokerError}");
        }

        var hosts = manifest is null ? [AdHoc(options.Neurons!)] : FromManifest(manifest, options, hostname);
        var stateDir = options.StateDir ?? FirstPath(stateDirectoryEnv) ?? Path.Combine(Environment.CurrentDirectory, "state");
        CheckCertDir(options, broker!);
        var credentials = Credentials(options);
        var neuronLogins = options.PasswordDir is null
            ? new Dictionary<string, MqttCredentials>(StringComparer.Ordinal)
            : NeuronLogins.Read(options.PasswordDir, hosts.SelectMany(h => h.Neurons).Select(n => n.Id));
        var hasPassword = credentials is { Password.Length: > 0 } || neuronLogins.Count > 0;
        if (CleartextPassword.Refusal(broker!, hasPassword, options.Insecure) is { } refusal)
        {
            throw new NodeConfigurationException($"--broker: {refusal}.");
        }

        var tls = Tls(options, broker!);
        return new NodePlan(broker!, root, Path.GetFullPath(stateDir), hosts)
        {
            Heartbeat = HeartbeatInterval(options.Heartbeat, manifest?.HeartbeatSeconds),
            Credentials = credentials,
            NeuronCredentials = neuronLogins,
            Tls = tls,
            NeuronTls = NeuronTls(options, tls, hosts),
            HomeAssistant = HomeAssistant(options, manifest),
            DiscoverySensors = DiscoverySensors(hosts),
        };
    }

    // A neuron that never beats cannot be told from a dead one on a clustered broker, so there is no "off".
    // The manifest's heartbeatSeconds was checked when it was read; the switch outranks it.
    private static TimeSpan HeartbeatInterval(string? text, int? manifestSeconds)
    {
        if (text is null)
        {
            return TimeSpan.FromSeconds(manifestSeconds ?? Heartbeat.DefaultSeconds);
        }

        return int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= 1 and <= Heartbeat.MaxSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new NodeConfigurationException(
                $"--heartbeat: '{NeuronId.Describe(text)}' is not a heartbeat interval: give a whole number of seconds from 1 to {Heartbeat.MaxSeconds} "
                + $"(default {Heartbeat.DefaultSeconds}); consumers treat a neuron silent for {Heartbeat.MissedForOffline} intervals as offline, so it cannot be turned off.");
    }

    // The switch outranks the manifest's homeAssistant block.
    private static HomeAssistantEntry? HomeAssistant(NodeOptions options, ClusterManifest? manifest)
    {
        if (options.HomeAssistant is not { } prefix)
        {
            return manifest?.HomeAssistant;
        }

        // Home Assistant's discovery prefix is a topic like the root: the same rule keeps wildcards out.
        return TopicScheme.IsValidRoot(prefix)
            ? new HomeAssistantEntry(Discovery: true, Prefix: prefix)
            : throw new NodeConfigurationException(
                $"--home-assistant: '{NeuronId.Describe(prefix)}' is not a valid discovery prefix (segments of A-Z a-z 0-9 _ - separated by '/'; usually homeassistant).");
    }

    /// <summary>The <see cref="NodePlan.DiscoverySensors"/> of <paramref name="hosts"/>, for a plan made without
    /// <see cref="Create"/>: every sensor of a hosted neuron becomes a Home Assistant sensor, a polled one with
    /// its unit and interval, an edge one as 0/1.</summary>
    public static Dictionary<string, IReadOnlyList<DiscoverySensor>> DiscoverySensors(IReadOnlyList<PlannedHost> hosts) =>
        hosts.SelectMany(h => h.Neurons).Where(n => n.Sensors.Count > 0).ToDictionary(
            n => n.Id,
            n => (IReadOnlyList<DiscoverySensor>)[.. n.Sensors.Select(s => new DiscoverySensor(
                s.Name, GpioBoards.UnitOf(s), DiscoverySensor.DeviceClassOf(s.Measure), s.IsPolled ? TimeSpan.FromMilliseconds(s.IntervalMs) : null))],
            StringComparer.Ordinal);

    private static MqttTls? Tls(NodeOptions options, BrokerList brokers)
    {
        if (options.CaFile is null && options.CertFile is null && options.KeyFile is null)
        {
            return null;
        }

        if (brokers.FirstPlain is { } broker)
        {
            throw new NodeConfigurationException($"--ca-file/--cert-file apply to mqtts:// brokers; {broker} is plain MQTT: use mqtts://host:8883.");
        }

        try
        {
            return MqttTls.Load(options.CaFile, options.CertFile, options.KeyFile);
        }
        catch (MqttTlsFileException ex)
        {
            throw new NodeConfigurationException($"{ex.Option}: {ex.Message}");
        }
    }

    // --cert-dir is the whole login of every neuron: a password or a shared certificate beside it would say two things.
    private static void CheckCertDir(NodeOptions options, BrokerList brokers)
    {
        if (options.CertDir is null)
        {
            return;
        }

        if (brokers.FirstPlain is { } broker)
        {
            throw new NodeConfigurationException(
                $"--cert-dir: client certificates go over TLS, and {broker} is plain MQTT: use the broker's certificate listener, mqtts://host:8884.");
        }

        foreach (var (value, option) in new[]
        {
            (options.PasswordDir, "--password-dir"), (options.Username, "--username"), (options.PasswordFile, "--password-file"),
            (options.CertFile, "--cert-file"), (options.KeyFile, "--key-file"),
        })
        {
            if (value is not null)
            {
                throw new NodeConfigurationException(
                    $"--cert-dir excludes {option}: with --cert-dir each neuron logs in with its own certificate DIR/<neuron id>.crt and no password; "
                    + $"drop {option}, or drop --cert-dir to log in {(option is "--cert-file" or "--key-file" ? "with the one --cert-file/--key-file" : "with passwords")}.");
            }
        }
    }

    // Each neuron's TLS: the shared CA pinning, with its own certificate.
    private static Dictionary<string, MqttTls> NeuronTls(NodeOptions options, MqttTls? shared, IReadOnlyList<PlannedHost> hosts)
    {
        if (options.CertDir is not { } dir)
        {
            return new Dictionary<string, MqttTls>(StringComparer.Ordinal);
        }

        return NeuronCertificates.Read(dir, hosts.SelectMany(h => h.Neurons).Select(n => n.Id))
            .ToDictionary(p => p.Key, p => new MqttTls { CaCertificate = shared?.CaCertificate, ClientCertificate = p.Value }, StringComparer.Ordinal);
    }

    private static MqttCredentials? Credentials(NodeOptions options)
    {
        if (options.PasswordDir is not null && (options.Username is not null || options.PasswordFile is not null))
        {
            throw new NodeConfigurationException(
                "--password-dir excludes --username and --password-file: each neuron logs in as itself from DIR/<neuron id>, "
                + "or every neuron with the one --username/--password-file.");
        }

        if (options.Username is null)
        {
            return options.PasswordFile is null
                ? null
                : throw new NodeConfigurationException("--password-file needs --username: give the MQTT user name too.");
        }

        if (options.PasswordFile is null)
        {
            return new MqttCredentials(options.Username, string.Empty);
        }

        try
        {
            // The first line: files written by `echo secret > file` end in a newline that is not part of the password.
            var password = File.ReadLines(options.PasswordFile).FirstOrDefault() ?? string.Empty;
            return new MqttCredentials(options.Username, password);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NodeConfigurationException($"--password-file: cannot read {options.PasswordFile}: {ex.Message}");
        }
    }

    private static ClusterManifest LoadManifest(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NodeConfigurationException($"--manifest: cannot read {path}: {ex.Message}");
        }

        try
        {
            return ClusterManifest.Parse(text, path);
        }
        catch (ManifestException ex)
        {
            throw new NodeConfigurationException(ex.Message);
        }
    }

    private static PlannedHost[] FromManifest(ClusterManifest manifest, NodeOptions options, string hostname)
    {
        var node = options.Node ?? hostname;
        var hosts = node == "all" ? manifest.Hosts : manifest.FindHost(node) is { } one ? [one] : null;
        if (hosts is null)
        {
            throw new NodeConfigurationException(
                $"--node: '{node}' is not a host of the manifest (hosts: {string.Join(", ", manifest.Hosts.Select(h => h.Name))}, or all). "
                + (options.Node is null ? "It defaulted to this machine's hostname; pass --node HOST." : string.Empty));
        }

        var planned = hosts.Select(h => new PlannedHost(h.Name, Driver(options.Gpio ?? h.Gpio.Driver), h.Gpio.Chip, h.Neurons) { ChipLabel = h.Gpio.Label }).ToArray();
        if (planned.Length > 1 && planned.Any(h => h.Driver != GpioDriverKind.Simulated))
        {
            throw new NodeConfigurationException(
                "--node all puts several Pis' neurons in one process, and their pins overlap on one GPIO chip: add --gpio simulated.");
        }

        return planned;
    }

    private static PlannedHost AdHoc(string list)
    {
        var ids = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            throw new NodeConfigurationException("--neurons: give at least one neuron id, e.g. --neurons a,b,c");
        }

        foreach (var id in ids)
        {
            if (!NeuronId.IsValid(id))
            {
                throw new NodeConfigurationException($"--neurons: '{NeuronId.Describe(id)}' is not a valid neuron id ({NeuronId.Rule}).");
            }
        }

        var duplicate = ids.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new NodeConfigurationException($"--neurons: '{duplicate.Key}' is listed twice.");
        }

        var neurons = ids.Select(id => new NeuronEntry(id, "adhoc", NeuronConfig.Default, null, null, [])).ToArray();
        return new PlannedHost("adhoc", GpioDriverKind.Simulated, null, neurons);
    }

    private static GpioDriverKind Driver(string text) =>
        GpioControllerFactory.TryParse(text, out var kind)
            ? kind
            : throw new NodeConfigurationException($"--gpio: '{NeuronId.Describe(text)}' is not a driver (simulated, auto, libgpiod, libgpiodv2).");

    private static string? FirstPath(string? list) =>
        string.IsNullOrWhiteSpace(list) ? null : list.Split(':', StringSplitOptions.RemoveEmptyEntries)[0];
}
