using PiNeurons.Core.Configuration;
using PiNeurons.Core.Protocol;
using YamlDotNet.RepresentationModel;

namespace PiNeurons.Core.Manifest;

/// <summary>Reads a neuron's <c>led</c>, <c>potentialLed</c>, <c>statusLed</c>, <c>button</c> and <c>sensors</c>
/// entries, reporting problems by path.</summary>
internal sealed partial class HardwareReader(List<string> problems, string path)
{
    public LedEntry? Led(YamlNode? node)
    {
        if (Map(node, "led", ["pin", "activeLow"]) is not { } map)
        {
            return null;
        }

        return new LedEntry(Pin(map, "led"), Bool(map, "activeLow", "led", false));
    }

    public LedEntry? StatusLed(YamlNode? node)
    {
        if (Map(node, "statusLed", ["pin", "activeLow"]) is not { } map)
        {
            return null;
        }

        return new LedEntry(Pin(map, "statusLed"), Bool(map, "activeLow", "statusLed", false));
    }

    public PotentialLedEntry? PotentialLed(YamlNode? node)
    {
        const string field = "potentialLed";
        if (Map(node, field, ["pin", "activeLow", "frequencyHz", "pwmChip", "pwmChannel"]) is not { } map)
        {
            return null;
        }

        var chip = OptionalInt(map, "pwmChip", field, 0, 31);
        var channel = OptionalInt(map, "pwmChannel", field, 0, 31);
        if ((chip is null) != (channel is null))
        {
            Bad(map, $"{field}.pwmChannel", "give pwmChip and pwmChannel together (hardware PWM), or neither (software PWM)", 0);
        }

        var led = new PotentialLedEntry(
            Pin(map, field), Bool(map, "activeLow", field, false), OptionalInt(map, "frequencyHz", field, 1, 100_000) ?? 500, chip, channel);
        if (chip is not null && channel is { } pwmChannel && led.Pin >= 0)
        {
            HardwarePwm(map, field, led, pwmChannel);
        }

        return led;
    }

    private void HardwarePwm(YamlMappingNode map, string field, PotentialLedEntry led, int channel)
    {
        var channels = HardwarePwmPins.ChannelsFor(led.Pin);
        if (channels.Count == 0)
        {
            Bad(map, $"{field}.pwmChannel", $"GPIO {led.Pin} has no hardware PWM channel (only GPIO {string.Join(", ", HardwarePwmPins.Pins)} have one): "
                + "move the LED to one of them, or leave pwmChip and pwmChannel out for software PWM", 0);
        }
        else if (!channels.Contains(channel))
        {
            Bad(map, $"{field}.pwmChannel", $"GPIO {led.Pin} carries hardware PWM channel {string.Join(" or ", channels)}, not {channel} "
                + "(Pi 3/4: GPIO 12/18 channel 0, 13/19 channel 1; Pi 5: 12/13 channels 0/1, 18/19 channels 2/3)", 0);
        }

        // A stopped hardware PWM output idles low (the BCM PWM silence bit), which would light an active-low LED
        // once the node stops; software PWM drives the off level itself.
        if (led.ActiveLow)
        {
            Bad(map, $"{field}.activeLow", "not with hardware PWM: a stopped PWM output idles low and would light the LED; "
                + "wire the LED active high (pin, resistor, LED, GND), or leave pwmChip and pwmChannel out for software PWM", 0);
        }
    }

    public ButtonEntry? Button(YamlNode? node)
    {
        if (Map(node, "button", ["pin", "pull", "debounceMs", "doubleClickMs", "longPressMs"]) is not { } map)
        {
            return null;
        }

        var button = new ButtonEntry(Pin(map, "button"), Pull(map, "button", PullMode.Up), Debounce(map, "button", 20))
        {
            DoubleClickMs = OptionalInt(map, "doubleClickMs", "button", 50, 2000) ?? 400,
            LongPressMs = OptionalInt(map, "longPressMs", "button", 200, 10_000) ?? 1000,
        };
        if (button.LongPressMs <= button.DoubleClickMs)
        {
            Bad(map, "button.longPressMs", $"must be longer than doubleClickMs ({button.DoubleClickMs}), or a long press reads as a click", 0);
        }

        return button;
    }

    private int? OptionalInt(YamlMappingNode map, string key, string field, int min, int max)
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

    private int Pin(YamlMappingNode map, string field, string key = "pin")
    {
        var text = Text(map, key, field);
        if (text is null || !WholeNumber.TryParse(text, out var pin) || pin is < 0 or > 1023)
        {
            return Bad(map, $"{field}.{key}", "required: the BCM GPIO line number (0-1023)", -1);
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

        return WholeNumber.TryParse(text, out var ms) && ms is >= 0 and <= 10_000
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
