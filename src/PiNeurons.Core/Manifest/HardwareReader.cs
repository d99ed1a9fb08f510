using System.Globalization;
using PiNeurons.Core.Protocol;
using YamlDotNet.RepresentationModel;

namespace PiNeurons.Core.Manifest;

/// <summary>Reads a neuron's <c>led</c>, <c>button</c> and <c>sensors</c> entries, reporting problems by path.</summary>
internal sealed class HardwareReader(List<string> problems, string path)
{
    public LedEntry? Led(YamlNode? node)
    {
        if (Map(node, "led", ["pin", "activeLow"]) is not { } map)
        {
            return null;
        }

        return new LedEntry(Pin(map, "led"), Bool(map, "activeLow", "led", false));
    }

    public ButtonEntry? Button(YamlNode? node)
    {
        if (Map(node, "button", ["pin", "pull", "debounceMs"]) is not { } map)
        {
            return null;
        }

        return new ButtonEntry(Pin(map, "button"), Pull(map, "button", PullMode.Up), Debounce(map, "button", 20));
    }

    public IReadOnlyList<SensorEntry> Sensors(YamlNode? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            problems.Add($"line {node.Start.Line}: {path}.sensors: expected a list of sensors");
            return [];
        }

        var sensors = new List<SensorEntry>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var field = $"sensors[{i}]";
            if (Map(sequence.Children[i], field, ["name", "type", "pin", "pull", "edge", "debounceMs"]) is not { } map)
            {
                continue;
            }

            var name = Text(map, "name", field) ?? string.Empty;
            if (!NeuronId.IsValid(name))
            {
                problems.Add($"line {map.Start.Line}: {path}.{field}.name: required, {NeuronId.Rule}");
            }

            var type = Text(map, "type", field) ?? "digital";
            if (type != "digital")
            {
                problems.Add($"line {map.Start.Line}: {path}.{field}.type: '{NeuronId.Describe(type)}' is not supported (digital)");
            }

            var edge = Text(map, "edge", field) switch
            {
                null or "rising" => EdgeKind.Rising,
                "falling" => EdgeKind.Falling,
                "both" => EdgeKind.Both,
                var other => Bad(map, $"{field}.edge", $"'{NeuronId.Describe(other)}' is not an edge (rising, falling, both)", EdgeKind.Rising),
            };
            sensors.Add(new SensorEntry(name, type, Pin(map, field), Pull(map, field, PullMode.None), edge, Debounce(map, field, 50)));
        }

        return sensors;
    }

    private YamlMappingNode? Map(YamlNode? node, string field, string[] keys)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode map)
        {
            problems.Add($"line {node.Start.Line}: {path}.{field}: expected a mapping ({string.Join(", ", keys)})");
            return null;
        }

        foreach (var key in map.Children.Keys)
        {
            var name = ManifestParser.Scalar(key);
            if (!keys.Contains(name))
            {
                problems.Add($"line {key.Start.Line}: {path}.{field}.{NeuronId.Describe(name)}: unknown field (allowed: {string.Join(", ", keys)})");
            }
        }

        return map;
    }

    private int Pin(YamlMappingNode map, string field)
    {
        var text = Text(map, "pin", field);
        if (text is null || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pin) || pin > 1023)
        {
            return Bad(map, $"{field}.pin", "required: the BCM GPIO line number (0-1023)", -1);
        }

        return pin;
    }

    private int Debounce(YamlMappingNode map, string field, int fallback)
    {
        var text = Text(map, "debounceMs", field);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= 10_000
            ? ms
            : Bad(map, $"{field}.debounceMs", "expected a whole number of milliseconds from 0 to 10000", fallback);
    }

    private PullMode Pull(YamlMappingNode map, string field, PullMode fallback) => Text(map, "pull", field) switch
    {
        null => fallback,
        "up" => PullMode.Up,
        "down" => PullMode.Down,
        "none" => PullMode.None,
        var other => Bad(map, $"{field}.pull", $"'{NeuronId.Describe(other)}' is not a pull (up, down, none)", fallback),
    };

    private bool Bool(YamlMappingNode map, string key, string field, bool fallback) => Text(map, key, field) switch
    {
        null => fallback,
        "true" => true,
        "false" => false,
        _ => Bad(map, $"{field}.{key}", "expected true or false", fallback),
    };

    private string? Text(YamlMappingNode map, string key, string field)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        problems.Add($"line {node.Start.Line}: {path}.{field}.{key}: expected a single value");
        return null;
    }

    private T Bad<T>(YamlMappingNode map, string field, string message, T fallback)
    {
        problems.Add($"line {map.Start.Line}: {path}.{field}: {message}");
        return fallback;
    }
}
