using PiNeurons.Core.Configuration;
using PiNeurons.Core.Protocol;
using YamlDotNet.RepresentationModel;

namespace PiNeurons.Core.Manifest;

/// <summary>
/// The field rules a neuron's hardware entries share (a mapping with known keys, a BCM pin, a pull, a debounce, a
/// bounded whole number, true or false), each reporting a problem by its path in the manifest and going on with a
/// fallback, so that one read lists every problem.
/// </summary>
internal sealed class HardwareFields(List<string> problems, string path)
{
    /// <summary>Reports a problem with <paramref name="field"/> (a path below the neuron) at <paramref name="node"/>'s line.</summary>
    public void Problem(YamlNode node, string field, string message) =>
        problems.Add($"line {node.Start.Line}: {path}.{field}: {message}");

    public int? OptionalInt(YamlMappingNode map, string key, string field, int min, int max)
    {
        var text = Text(map, key, field);
        if (text is null)
        {
            return null;
        }

        return WholeNumber.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : Bad<int?>(map, $"{field}.{key}", $"expected a whole number from {min} to {max}", null);
    }

    public YamlMappingNode? Map(YamlNode? node, string field, string[] keys)
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

    public int Pin(YamlMappingNode map, string field, string key = "pin")
    {
        var text = Text(map, key, field);
        if (text is null || !WholeNumber.TryParse(text, out var pin) || pin is < 0 or > 1023)
        {
            return Bad(map, $"{field}.{key}", "required: the BCM GPIO line number (0-1023)", -1);
        }

        return pin;
    }

    public int Debounce(YamlMappingNode map, string field, int fallback)
    {
        var text = Text(map, "debounceMs", field);
        if (text is null)
        {
            return fallback;
        }

        return WholeNumber.TryParse(text, out var ms) && ms is >= 0 and <= 10_000
            ? ms
            : Bad(map, $"{field}.debounceMs", "expected a whole number of milliseconds from 0 to 10000", fallback);
    }

    public PullMode Pull(YamlMappingNode map, string field, PullMode fallback) => Text(map, "pull", field) switch
    {
        null => fallback,
        "up" => PullMode.Up,
        "down" => PullMode.Down,
        "none" => PullMode.None,
        var other => Bad(map, $"{field}.pull", $"'{NeuronId.Describe(other)}' is not a pull (up, down, none)", fallback),
    };

    public bool Bool(YamlMappingNode map, string key, string field, bool fallback) => Text(map, key, field) switch
    {
        null => fallback,
        "true" => true,
        "false" => false,
        _ => Bad(map, $"{field}.{key}", "expected true or false", fallback),
    };

    public string? Text(YamlMappingNode map, string key, string field)
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

    public T Bad<T>(YamlMappingNode map, string field, string message, T fallback)
    {
        Problem(map, field, message);
        return fallback;
    }
}
