using PiNeurons.Core.Configuration;
using System.Globalization;
using PiNeurons.Core.Protocol;
using YamlDotNet.RepresentationModel;

namespace PiNeurons.Core.Manifest;

/// <summary>Reads a neuron's <c>sensors</c> list: each type has its own fields, and only those are accepted.</summary>
internal sealed class SensorListReader(HardwareFields fields)
{
    private static readonly string[] EdgeKeys = ["name", "type", "pin", "pull", "edge", "debounceMs"];
    private static readonly string[] PolledKeys = ["name", "type", "measure", "intervalMs", "threshold"];

    public IReadOnlyList<SensorEntry> Read(YamlNode? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            fields.Problem(node, "sensors", "expected a list of sensors");
            return [];
        }

        var sensors = new List<SensorEntry>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var field = $"sensors[{i}]";
            var type = sequence.Children[i] is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("type"), out var t)
                ? ManifestParser.Scalar(t)
                : SensorTypes.Digital;
            if (!SensorTypes.All.Contains(type))
            {
                fields.Problem(sequence.Children[i], $"{field}.type", $"'{NeuronId.Describe(type)}' is not supported ({string.Join(", ", SensorTypes.All)})");
                continue;
            }

            if (fields.Map(sequence.Children[i], field, KeysOf(type)) is not { } map)
            {
                continue;
            }

            var name = fields.Text(map, "name", field) ?? string.Empty;
            if (!NeuronId.IsValid(name))
            {
                fields.Problem(map, $"{field}.name", $"required, {NeuronId.Rule}");
            }

            sensors.Add(SensorTypes.IsPolled(type) ? Polled(map, field, name, type) : EdgeSensor(map, field, name, type));
        }

        foreach (var duplicate in sensors.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1 && g.Key.Length > 0))
        {
            fields.Problem(sequence, "sensors", $"the name '{duplicate.Key}' is used twice; each sensor has its own topic");
        }

        return sensors;
    }

    private static string[] KeysOf(string type) => type switch
    {
        SensorTypes.Bme280 => [.. PolledKeys, "bus", "address"],
        SensorTypes.Dht22 => [.. PolledKeys, "pin"],
        SensorTypes.Hcsr04 => [.. PolledKeys, "trigger", "echo"],
        SensorTypes.Ds18b20 => [.. PolledKeys, "pin", "device"],
        _ => EdgeKeys,
    };

    private SensorEntry EdgeSensor(YamlMappingNode map, string field, string name, string type)
    {
        var edge = fields.Text(map, "edge", field) switch
        {
            null or "rising" => EdgeKind.Rising,
            "falling" => EdgeKind.Falling,
            "both" => EdgeKind.Both,
            var other => fields.Bad(map, $"{field}.edge", $"'{NeuronId.Describe(other)}' is not an edge (rising, falling, both)", EdgeKind.Rising),
        };

        // An HC-SR501 drives its output high for the hold time it is set to (a trimmer on the board), so
        // it needs no pull and no debounce of contacts; it still gets a short one against line noise.
        var debounce = fields.Debounce(map, field, type == SensorTypes.Pir ? 10 : 50);
        return new SensorEntry(name, type, fields.Pin(map, field), fields.Pull(map, field, PullMode.None), edge, debounce);
    }

    private SensorEntry Polled(YamlMappingNode map, string field, string name, string type)
    {
        var measures = SensorTypes.MeasuresOf(type);
        var measure = fields.Text(map, "measure", field) ?? measures[0];
        if (!measures.Contains(measure))
        {
            fields.Bad(map, $"{field}.measure", $"a {type} reads {string.Join(", ", measures)}, not '{NeuronId.Describe(measure)}'", 0);
        }

        var (interval, minimum) = SensorTypes.IntervalOf(type);
        var pin = type switch
        {
            SensorTypes.Dht22 => fields.Pin(map, field),
            // The kernel's w1-gpio bus line; the node reads the bus through sysfs and never opens the pin.
            SensorTypes.Ds18b20 => fields.OptionalInt(map, "pin", field, 0, 1023) ?? SensorTypes.OneWireDefaultPin,
            _ => -1,
        };
        return new SensorEntry(name, type, pin, PullMode.None, EdgeKind.Rising, 0)
        {
            Measure = measure,
            IntervalMs = fields.OptionalInt(map, "intervalMs", field, minimum, 86_400_000) ?? interval,
            Threshold = Threshold(map, field),
            Bus = type == SensorTypes.Bme280 ? fields.OptionalInt(map, "bus", field, 0, 255) ?? 1 : 1,
            Address = type == SensorTypes.Bme280 ? Address(map, field) : 0x76,
            TriggerPin = type == SensorTypes.Hcsr04 ? fields.Pin(map, field, "trigger") : -1,
            EchoPin = type == SensorTypes.Hcsr04 ? fields.Pin(map, field, "echo") : -1,
            Device = type == SensorTypes.Ds18b20 ? OneWireDevice(map, field) : null,
        };
    }

    // A BME280 answers at 0x76 (SDO to GND) or 0x77 (SDO to 3.3 V); i2cdetect shows it in hex.
    private int Address(YamlMappingNode map, string field)
    {
        var text = fields.Text(map, "address", field);
        if (text is null)
        {
            return 0x76;
        }

        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var address)
            : WholeNumber.TryParse(text, out address);
        return ok && address is 0x76 or 0x77
            ? address
            : fields.Bad(map, $"{field}.address", $"'{NeuronId.Describe(text)}' is not a BME280 address (0x76, or 0x77 with SDO high)", 0x76);
    }

    // The kernel's w1 driver names a device <family>-<48-bit serial in hex>; a DS18B20's family is 28.
    private string? OneWireDevice(YamlMappingNode map, string field)
    {
        var text = fields.Text(map, "device", field);
        if (text is { Length: 15 } && text.StartsWith("28-", StringComparison.Ordinal) && text[3..].All(char.IsAsciiHexDigitLower))
        {
            return text;
        }

        return fields.Bad<string?>(map, $"{field}.device", "required: the DS18B20's 1-Wire id as listed in /sys/bus/w1/devices (28- and 12 lower-case hex digits)", null);
    }

    private SensorThresholdEntry? Threshold(YamlMappingNode map, string field)
    {
        const string keys = "above or below, and optionally hysteresis";
        if (!map.Children.TryGetValue(new YamlScalarNode("threshold"), out var node))
        {
            return null;
        }

        field += ".threshold";
        if (fields.Map(node, field, ["above", "below", "hysteresis"]) is not { } threshold)
        {
            return null;
        }

        var above = Number(threshold, "above", field);
        var below = Number(threshold, "below", field);
        if ((above is null) == (below is null))
        {
            return fields.Bad<SensorThresholdEntry?>(threshold, field, $"give exactly one of {keys}", null);
        }

        // Half a unit: a room at 24.9-25.1 °C or a hand at 19.8-20.2 cm kicks once, not every poll.
        var hysteresis = Number(threshold, "hysteresis", field) ?? 0.5;
        if (hysteresis < 0)
        {
            fields.Bad(threshold, $"{field}.hysteresis", "must be 0 or more (in the sensor's unit)", 0);
        }

        return above is { } a
            ? new SensorThresholdEntry(ThresholdDirection.Above, a, hysteresis)
            : new SensorThresholdEntry(ThresholdDirection.Below, below!.Value, hysteresis);
    }

    private double? Number(YamlMappingNode map, string key, string field)
    {
        var text = fields.Text(map, key, field);
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : fields.Bad<double?>(map, $"{field}.{key}", $"'{NeuronId.Describe(text)}' is not a number", null);
    }
}
