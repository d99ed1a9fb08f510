using System.Text;
using System.Text.Json;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Node.HomeAssistant;

/// <summary>
/// Builds the retained Home Assistant MQTT discovery configs of a neuron: one device with a binary_sensor
/// "Firing", buttons "Kick" and "Fire", a number "Threshold", a sensor "Fired count" and one sensor per
/// hardware sensor. Pure: no MQTT, no clock. Key names follow Home Assistant's MQTT integration docs
/// (<c>default_entity_id</c>, which replaced <c>object_id</c> in 2025.10; the latter stopped working in 2026.4).
/// </summary>
internal sealed class DiscoveryBuilder
{
    private readonly string _prefix;
    private readonly TopicScheme _scheme;
    private readonly string _swVersion;

    /// <summary>Creates a builder for neurons under <paramref name="root"/>, announced under <paramref name="prefix"/>.</summary>
    public DiscoveryBuilder(string prefix, string root, string swVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        _prefix = prefix;
        _scheme = new TopicScheme(root);
        _swVersion = swVersion;
        NodeId = DiscoveryNames.NodeId(root);
    }

    /// <summary>The node_id level of every topic (from the root).</summary>
    public string NodeId { get; }

    /// <summary>Every config of neuron <paramref name="neuronId"/>, in a fixed order.</summary>
    public IReadOnlyList<DiscoveryMessage> Build(string neuronId, IReadOnlyList<DiscoverySensor> sensors)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        var topics = _scheme.For(neuronId);
        var messages = new List<DiscoveryMessage>
        {
            Entity(topics, "binary_sensor", "firing", "Firing", w =>
            {
                w.WriteString("state_topic", topics.State);
                // The state's output is 1 while the neuron fires (for refractoryMs), else 0.
                w.WriteString("value_template", "{{ value_json.output }}");
                w.WriteString("payload_on", "1");
                w.WriteString("payload_off", "0");
            }),
            Entity(topics, "button", "kick", "Kick", w =>
            {
                w.WriteString("command_topic", topics.Kick);
                // docs/protocol.md: an empty kick payload is an external kick, counted with weight 1.
                w.WriteString("payload_press", string.Empty);
            }),
            Entity(topics, "button", "fire", "Fire", w =>
            {
                w.WriteString("command_topic", topics.Fire);
                w.WriteString("payload_press", string.Empty);
            }),
            Entity(topics, "number", "threshold", "Threshold", w =>
            {
                w.WriteString("state_topic", topics.State);
                w.WriteString("value_template", "{{ value_json.config.threshold }}");
                w.WriteString("command_topic", topics.Set);
                // A set is a JSON merge patch of the config (docs/protocol.md).
                w.WriteString("command_template", "{\"threshold\": {{ value }}}");
                // The protocol allows ±1e9; a box with a practical range keeps the UI usable.
                w.WriteNumber("min", -100);
                w.WriteNumber("max", 100);
                w.WriteNumber("step", 0.01);
                w.WriteString("mode", "box");
            }),
            Entity(topics, "sensor", "fired_count", "Fired count", w =>
            {
                w.WriteString("state_topic", topics.State);
                w.WriteString("value_template", "{{ value_json.firedCount }}");
                // firedCount survives restarts (it is persisted), so it only ever grows.
                w.WriteString("state_class", "total_increasing");
            }),
        };

        foreach (var sensor in sensors)
        {
            messages.Add(Entity(topics, "sensor", "sensor_" + NeuronId.Require(sensor.Name, nameof(sensors)), sensor.Name, w =>
            {
                w.WriteString("state_topic", $"{_scheme.Root}/{neuronId}/sensors/{sensor.Name}");
                w.WriteString("value_template", "{{ value_json.value }}");
                if (!string.IsNullOrEmpty(sensor.Unit))
                {
                    w.WriteString("unit_of_measurement", sensor.Unit);
                }

                if (sensor.DeviceClass is { } deviceClass)
                {
                    w.WriteString("device_class", deviceClass);
                }

                w.WriteString("state_class", "measurement");
            }));
        }

        return messages;
    }

    private DiscoveryMessage Entity(NeuronTopics topics, string component, string entity, string name, Action<Utf8JsonWriter> specific)
    {
        var objectId = DiscoveryNames.ObjectId(NodeId, topics.Id, entity);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("unique_id", objectId);
            w.WriteString("default_entity_id", $"{component}.{objectId}");
            specific(w);
            // Commands and state at least once, as the neurons publish them.
            w.WriteNumber("qos", 1);
            // The neuron's retained status: online, or offline as its MQTT last will (docs/protocol.md).
            w.WriteString("availability_topic", topics.Status);
            w.WriteString("payload_available", StatusPayloads.Online);
            w.WriteString("payload_not_available", StatusPayloads.Offline);
            WriteDevice(w, topics.Id);
            w.WriteStartObject("origin");
            w.WriteString("name", "PiNeurons");
            w.WriteString("sw_version", _swVersion);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return new DiscoveryMessage($"{_prefix}/{component}/{NodeId}/{objectId}/config", Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private void WriteDevice(Utf8JsonWriter w, string neuronId)
    {
        w.WriteStartObject("device");
        w.WriteStartArray("identifiers");
        w.WriteStringValue(DiscoveryNames.DeviceId(NodeId, neuronId));
        w.WriteEndArray();
        w.WriteString("name", _scheme.Root == ProtocolLimits.DefaultRoot ? $"Neuron {neuronId}" : $"Neuron {neuronId} ({_scheme.Root})");
        w.WriteString("model", "PiNeurons neuron");
        w.WriteString("manufacturer", "PiNeurons");
        w.WriteString("sw_version", _swVersion);
        w.WriteEndObject();
    }
}
