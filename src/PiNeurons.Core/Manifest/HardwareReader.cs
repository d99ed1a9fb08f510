using YamlDotNet.RepresentationModel;

namespace PiNeurons.Core.Manifest;

/// <summary>Reads a neuron's <c>led</c>, <c>potentialLed</c>, <c>statusLed</c> and <c>button</c> entries
/// (<see cref="SensorListReader"/> reads its <c>sensors</c>).</summary>
internal sealed class HardwareReader(HardwareFields fields)
{
    public LedEntry? Led(YamlNode? node)
    {
        if (fields.Map(node, "led", ["pin", "activeLow"]) is not { } map)
        {
            return null;
        }

        return new LedEntry(fields.Pin(map, "led"), fields.Bool(map, "activeLow", "led", false));
    }

    public LedEntry? StatusLed(YamlNode? node)
    {
        if (fields.Map(node, "statusLed", ["pin", "activeLow"]) is not { } map)
        {
            return null;
        }

        return new LedEntry(fields.Pin(map, "statusLed"), fields.Bool(map, "activeLow", "statusLed", false));
    }

    public PotentialLedEntry? PotentialLed(YamlNode? node)
    {
        const string field = "potentialLed";
        if (fields.Map(node, field, ["pin", "activeLow", "frequencyHz", "pwmChip", "pwmChannel"]) is not { } map)
        {
            return null;
        }

        var chip = fields.OptionalInt(map, "pwmChip", field, 0, 31);
        var channel = fields.OptionalInt(map, "pwmChannel", field, 0, 31);
        if ((chip is null) != (channel is null))
        {
            fields.Bad(map, $"{field}.pwmChannel", "give pwmChip and pwmChannel together (hardware PWM), or neither (software PWM)", 0);
        }

        var led = new PotentialLedEntry(
            fields.Pin(map, field), fields.Bool(map, "activeLow", field, false), fields.OptionalInt(map, "frequencyHz", field, 1, 100_000) ?? 500, chip, channel);
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
            fields.Bad(map, $"{field}.pwmChannel", $"GPIO {led.Pin} has no hardware PWM channel (only GPIO {string.Join(", ", HardwarePwmPins.Pins)} have one): "
                + "move the LED to one of them, or leave pwmChip and pwmChannel out for software PWM", 0);
        }
        else if (!channels.Contains(channel))
        {
            fields.Bad(map, $"{field}.pwmChannel", $"GPIO {led.Pin} carries hardware PWM channel {string.Join(" or ", channels)}, not {channel} "
                + "(Pi 3/4: GPIO 12/18 channel 0, 13/19 channel 1; Pi 5: 12/13 channels 0/1, 18/19 channels 2/3)", 0);
        }

        // A stopped hardware PWM output idles low (the BCM PWM silence bit), which would light an active-low LED
        // once the node stops; software PWM drives the off level itself.
        if (led.ActiveLow)
        {
            fields.Bad(map, $"{field}.activeLow", "not with hardware PWM: a stopped PWM output idles low and would light the LED; "
                + "wire the LED active high (pin, resistor, LED, GND), or leave pwmChip and pwmChannel out for software PWM", 0);
        }
    }

    /// <summary>A push button under <paramref name="field"/>: the kick <c>button</c>, or the <c>teachButton</c>.</summary>
    public ButtonEntry? Button(YamlNode? node, string field = "button")
    {
        if (fields.Map(node, field, ["pin", "pull", "debounceMs", "doubleClickMs", "longPressMs"]) is not { } map)
        {
            return null;
        }

        var button = new ButtonEntry(fields.Pin(map, field), fields.Pull(map, field, PullMode.Up), fields.Debounce(map, field, 20))
        {
            DoubleClickMs = fields.OptionalInt(map, "doubleClickMs", field, 50, 2000) ?? 400,
            LongPressMs = fields.OptionalInt(map, "longPressMs", field, 200, 10_000) ?? 1000,
        };
        if (button.LongPressMs <= button.DoubleClickMs)
        {
            fields.Bad(map, $"{field}.longPressMs", $"must be longer than doubleClickMs ({button.DoubleClickMs}), or a long press reads as a click", 0);
        }

        return button;
    }
}
