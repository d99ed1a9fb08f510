using PiNeurons.Core.Configuration;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PiNeurons.Core.Manifest;

/// <summary>
/// Reads manifest YAML through YamlDotNet's node model (not its object deserializer) so that every
/// problem is reported with its line and path, and all problems at once, not just the first.
/// </summary>
internal sealed class ManifestParser(string sourceName)
{
    private static readonly string[] TopKeys = ["version", "root", "broker", "heartbeatSeconds", "operators", "homeAssistant", "defaults", "hosts"];
    private static readonly string[] HostKeys = ["gpio", "neurons"];

    // GPIO_GET_CHIPINFO_IOCTL carries a chip's label in char[32], NUL included.
    private const int MaxChipLabel = 31;
    private static readonly string[] HardwareKeys = ["led", "potentialLed", "statusLed", "button", "teachButton", "sensors"];
    private static readonly string[] ConfigKeys =
        ["threshold", "weights", "connections", "refractoryMs", "inputLastingMs", "integrationWindowMs", "maxHops", "maxFiresPerSecond", "learning"];

    private readonly List<string> _problems = [];
    private readonly Dictionary<NeuronEntry, long> _lines = new(ReferenceEqualityComparer.Instance);

    public ClusterManifest Parse(string yaml)
    {
        var root = Load(yaml);
        if (root is null)
        {
            throw new ManifestException(sourceName, _problems);
        }

        CheckKeys(root, "", TopKeys);
        var version = Int(root, "version", "", 1);
        if (version != 1)
        {
            Problem(root, "version", $"unsupported version {version}; this PiNeurons reads version 1");
        }

        var topicRoot = Str(root, "root", "") ?? ProtocolLimits.DefaultRoot;
        if (!TopicScheme.IsValidRoot(topicRoot))
        {
            Problem(root, "root", $"'{NeuronId.Describe(topicRoot)}' is not a valid topic root (segments of A-Z a-z 0-9 _ - separated by '/')");
        }

        var broker = ReadBroker(root);
        var heartbeat = ReadHeartbeat(root);
        var operators = ReadOperators(root);
        var homeAssistant = ReadHomeAssistant(root);
        var defaults = NeuronConfig.Default;
        if (Child(root, "defaults") is { } defaultsNode)
        {
            defaults = ReadConfig(defaultsNode, "defaults", NeuronConfig.Default, allowHardware: false);
        }

        var hosts = new List<HostEntry>();
        if (Child(root, "hosts") is not YamlMappingNode hostsNode || hostsNode.Children.Count == 0)
        {
            Problem(root, "hosts", "required: a mapping of Pi hostnames to the neurons each hosts");
        }
        else
        {
            foreach (var (key, value) in hostsNode.Children)
            {
                hosts.Add(ReadHost(Scalar(key), value, defaults));
            }
        }

        new ManifestChecks(_problems, n => _lines.TryGetValue(n, out var line) ? line : 0).Run(hosts);
        CheckOperatorNames(root, operators, hosts);
        if (_problems.Count > 0)
        {
            throw new ManifestException(sourceName, _problems);
        }

        return new ClusterManifest(version, topicRoot, broker, hosts, operators) { HomeAssistant = homeAssistant, HeartbeatSeconds = heartbeat };
    }

    private YamlMappingNode? Load(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml ?? string.Empty));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                _problems.Add("the file must be a YAML mapping with at least 'hosts'");
                return null;
            }

            return mapping;
        }
        catch (YamlException ex)
        {
            _problems.Add($"line {ex.Start.Line}: YAML syntax error: {ex.Message}");
            return null;
        }
    }

    // The cluster's heartbeat, so that every node of it beats alike without an option on each; a node's --heartbeat wins.
    private int? ReadHeartbeat(YamlMappingNode root)
    {
        if (Child(root, "heartbeatSeconds") is null)
        {
            return null;
        }

        var seconds = Int(root, "heartbeatSeconds", "", Heartbeat.DefaultSeconds);
        if (seconds is < 1 or > Heartbeat.MaxSeconds)
        {
            Problem(root, "heartbeatSeconds", $"{seconds} is out of range: give a whole number of seconds from 1 to {Heartbeat.MaxSeconds} "
                + $"(default {Heartbeat.DefaultSeconds}); consumers treat a neuron silent for {Heartbeat.MissedForOffline} of them as offline");
        }

        return seconds;
    }

    /// <summary>
    /// <c>operators:</c> a list of MQTT user names that may command every neuron (pineurons secrets
    /// gives each a password and full access). Names follow the neuron id rule: a <c>/</c> in a user
    /// name would span topic levels in the broker's ACL (Mosquitto 2.0.x).
    /// </summary>
    // One address, or the nodes of a clustered broker as a list; kept in the comma-separated form that --broker takes,
    // so one parser (the MQTT layer's) checks every way a broker is given.
    private string? ReadBroker(YamlMappingNode root)
    {
        if (Child(root, "broker") is not YamlSequenceNode list)
        {
            return Str(root, "broker", "");
        }

        var items = list.Children.Select(item => item is YamlScalarNode { Value: { Length: > 0 } value } && !value.Contains(',', StringComparison.Ordinal) ? value : null).ToList();
        if (items.Count == 0 || items.Contains(null))
        {
            Problem(root, "broker", "expected a broker address or a non-empty list of them (mqtts://host:port), one per item");
            return null;
        }

        return string.Join(",", items);
    }

    private List<string> ReadOperators(YamlMappingNode root)
    {
        var operators = new List<string>();
        if (Child(root, "operators") is not { } node)
        {
            return operators;
        }

        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            Problem(root, "operators", "expected a non-empty list of operator names");
            return operators;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            var item = list.Children[i];
            var name = item is YamlScalarNode scalar ? scalar.Value ?? string.Empty : string.Empty;
            if (!NeuronId.IsValid(name))
            {
                _problems.Add($"line {item.Start.Line}: operators[{i}]: '{NeuronId.Describe(name)}' is not a valid operator name ({NeuronId.Rule})");
            }
            else if (operators.Contains(name, StringComparer.Ordinal))
            {
                _problems.Add($"line {item.Start.Line}: operators[{i}]: '{name}' is listed twice");
            }
            else
            {
                operators.Add(name);
            }
        }

        return operators;
    }

    /// <summary><c>homeAssistant: { discovery: true, prefix: homeassistant }</c>; off when absent.</summary>
    private HomeAssistantEntry ReadHomeAssistant(YamlMappingNode root)
    {
        if (Child(root, "homeAssistant") is not { } node)
        {
            return new HomeAssistantEntry();
        }

        if (node is not YamlMappingNode map)
        {
            Problem(root, "homeAssistant", "expected a mapping (discovery, prefix)");
            return new HomeAssistantEntry();
        }

        CheckKeys(map, "homeAssistant", ["discovery", "prefix"]);
        // true keeps meaning what it meant before the form could be chosen: on, in the default (device) form.
        var (discovery, form) = Str(map, "discovery", "homeAssistant") switch
        {
            null or "false" => (false, HomeAssistantDiscoveryForm.Device),
            "true" or "device" => (true, HomeAssistantDiscoveryForm.Device),
            "component" => (true, HomeAssistantDiscoveryForm.Component),
            _ => (Fail(map, "discovery", "expected true, false, device or component", "homeAssistant"), HomeAssistantDiscoveryForm.Device),
        };
        var prefix = Str(map, "prefix", "homeAssistant") ?? "homeassistant";
        if (!TopicScheme.IsValidRoot(prefix))
        {
            Problem(map, "prefix", $"'{NeuronId.Describe(prefix)}' is not a valid topic prefix (segments of A-Z a-z 0-9 _ - separated by '/')", "homeAssistant");
        }

        return new HomeAssistantEntry(discovery, prefix, form);
    }

    private bool Fail(YamlMappingNode map, string key, string message, string path)
    {
        Problem(map, key, message, path);
        return false;
    }

    /// <summary>An operator, a neuron and the aggregator each log in under their own name, so the names must differ.</summary>
    private void CheckOperatorNames(YamlMappingNode root, List<string> operators, List<HostEntry> hosts)
    {
        var neurons = hosts.SelectMany(h => h.Neurons).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var name in operators)
        {
            if (neurons.Contains(name) || name == ClusterManifest.AggregatorUser)
            {
                Problem(root, "operators", $"'{name}' is also {(neurons.Contains(name) ? "a neuron id" : "the aggregator's user name")}; each MQTT user name must belong to one role");
            }
        }
    }

    private HostEntry ReadHost(string name, YamlNode node, NeuronConfig defaults)
    {
        var path = $"hosts.{name}";
        if (!IsHostname(name))
        {
            _problems.Add($"line {node.Start.Line}: {path}: '{NeuronId.Describe(name)}' is not a valid hostname (1-63 of A-Z a-z 0-9 -)");
        }

        var neurons = new List<NeuronEntry>();
        var gpio = new GpioEntry();
        if (node is not YamlMappingNode map)
        {
            _problems.Add($"line {node.Start.Line}: {path}: expected a mapping with 'neurons'");
            return new HostEntry(name, gpio, neurons);
        }

        CheckKeys(map, path, HostKeys);
        if (Child(map, "gpio") is YamlMappingNode gpioNode)
        {
            gpio = ReadGpio(gpioNode, path + ".gpio");
        }

        if (Child(map, "neurons") is not YamlMappingNode neuronsNode || neuronsNode.Children.Count == 0)
        {
            Problem(map, "neurons", "required: a mapping of neuron ids to their config and pins", path);
            return new HostEntry(name, gpio, neurons);
        }

        foreach (var (key, value) in neuronsNode.Children)
        {
            var neuron = ReadNeuron(Scalar(key), name, value, defaults, $"{path}.neurons");
            _lines[neuron] = key.Start.Line;
            neurons.Add(neuron);
        }

        return new HostEntry(name, gpio, neurons);
    }

    private GpioEntry ReadGpio(YamlMappingNode map, string path)
    {
        CheckKeys(map, path, ["driver", "chip", "label"]);
        var driver = Str(map, "driver", path) ?? "auto";
        if (driver is not ("auto" or "libgpiod" or "libgpiodv2" or "simulated"))
        {
            Problem(map, "driver", $"'{NeuronId.Describe(driver)}' is not a driver (auto, libgpiod, libgpiodv2, simulated)", path);
        }

        int? chip = Child(map, "chip") is null ? null : Int(map, "chip", path, 0);
        if (chip is < 0)
        {
            Problem(map, "chip", "a gpiochip number is 0 or more", path);
        }

        // A longer label matches no chip: the kernel reports at most MaxChipLabel characters.
        var label = Str(map, "label", path);
        if (label is { Length: > MaxChipLabel })
        {
            Problem(map, "label", $"'{NeuronId.Describe(label)}' is longer than a chip label can be ({MaxChipLabel} characters)", path);
        }

        return new GpioEntry(driver, chip, label);
    }

    private NeuronEntry ReadNeuron(string id, string host, YamlNode node, NeuronConfig defaults, string parent)
    {
        var path = $"{parent}.{id}";
        if (!NeuronId.IsValid(id))
        {
            _problems.Add($"line {node.Start.Line}: {path}: '{NeuronId.Describe(id)}' is not a valid neuron id ({NeuronId.Rule})");
        }

        if (node is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            return new NeuronEntry(id, host, defaults, null, null, []);
        }

        if (node is not YamlMappingNode map)
        {
            _problems.Add($"line {node.Start.Line}: {path}: expected a mapping of config fields and pins");
            return new NeuronEntry(id, host, defaults, null, null, []);
        }

        var config = ReadConfig(map, path, defaults, allowHardware: true);
        var fields = new HardwareFields(_problems, path);
        var hardware = new HardwareReader(fields);
        return new NeuronEntry(id, host, config,
            hardware.Led(Child(map, "led")), hardware.Button(Child(map, "button")), new SensorListReader(fields).Read(Child(map, "sensors")))
        {
            PotentialLed = hardware.PotentialLed(Child(map, "potentialLed")),
            StatusLed = hardware.StatusLed(Child(map, "statusLed")),
            TeachButton = hardware.Button(Child(map, "teachButton"), "teachButton"),
        };
    }

    private NeuronConfig ReadConfig(YamlNode node, string path, NeuronConfig start, bool allowHardware)
    {
        if (node is not YamlMappingNode map)
        {
            _problems.Add($"line {node.Start.Line}: {path}: expected a mapping of config fields");
            return start;
        }

        CheckKeys(map, path, allowHardware ? [.. ConfigKeys, .. HardwareKeys] : ConfigKeys);
        var patch = YamlJson.ToJsonObject(map, ConfigKeys);
        var result = ConfigPatch.Apply(start, patch);
        if (!result.IsSuccess)
        {
            _problems.Add($"line {node.Start.Line}: {path}: {result.Error}");
            return start;
        }

        return result.Config!;
    }

    private void CheckKeys(YamlMappingNode map, string path, string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = Scalar(key);
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                _problems.Add($"line {key.Start.Line}: {Join(path, NeuronId.Describe(name))}: unknown field (allowed: {string.Join(", ", allowed)})");
            }
        }
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private string? Str(YamlMappingNode map, string key, string path)
    {
        if (Child(map, key) is not { } node)
        {
            return null;
        }

        if (node is YamlScalarNode scalar && !string.IsNullOrEmpty(scalar.Value))
        {
            return scalar.Value;
        }

        Problem(map, key, "expected a text value", path);
        return null;
    }

    private int Int(YamlMappingNode map, string key, string path, int fallback)
    {
        if (Child(map, key) is not { } node)
        {
            return fallback;
        }

        if (node is YamlScalarNode scalar && WholeNumber.TryParse(scalar.Value, out var value))
        {
            return value;
        }

        Problem(map, key, "expected a whole number", path);
        return fallback;
    }

    private void Problem(YamlMappingNode map, string key, string message, string path = "")
    {
        var line = (Child(map, key) ?? map).Start.Line;
        _problems.Add($"line {line}: {Join(path, key)}: {message}");
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    internal static string Scalar(YamlNode node) => node is YamlScalarNode s ? s.Value ?? string.Empty : node.ToString();

    private static bool IsHostname(string name) =>
        name.Length is > 0 and <= 63 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && name[0] != '-';
}
