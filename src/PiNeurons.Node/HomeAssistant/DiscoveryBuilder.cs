using System.Text;
using System.Text.Json;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Node.HomeAssistant;

/// <summary>
/// Builds the retained Home Assistant MQTT discovery configs of a neuron: one device with a binary_sensor
/// "Firing", buttons "Kick" and "Fire", a number "Threshold", a sensor "Fired count" and one sensor per
/// hardware sensor. The entities read off the neuron's state expire after <see cref="Heartbeat.MissedForOffline"/>
/// heartbeats without one, as the aggregator's liveness rule does, and a polled sensor after as many of its intervals.
/// Either one device config listing them (<see cref="BuildDevice"/>, Home Assistant 2024.11 and later) or one config each
/// (<see cref="BuildComponents"/>). Pure: no MQTT, no clock. Key names follow Home Assistant's MQTT integration docs
/// (<c>default_entity_id</c>, which replaced <c>object_id</c> in 2025.10; the latter stopped working in 2026.4).
/// </summary>
internal sealed class DiscoveryBuilder
{
    private readonly string _prefix;
    private readonly TopicScheme _scheme;
    private readonly string _swVersion;
    private readonly int _expireAfterSeconds;

    /// <summary>Creates a builder for neurons under <paramref name="root"/>, announced under <paramref name="prefix"/>, whose
    /// state is republished every <paramref name="heartbeat"/>.</summary>
    public DiscoveryBuilder(string prefix, string root, string swVersion, TimeSpan heartbeat)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(heartbeat, TimeSpan.FromSeconds(1));
        _prefix = prefix;
        _scheme = new TopicScheme(root);
        _swVersion = swVersion;
        _expireAfterSeconds = ExpireAfterSeconds(heartbeat);
        NodeId = DiscoveryNames.NodeId(root);
    }

    /// <summary>The node_id level of every topic (from the root).</summary>
    public string NodeId { get; }

    /// <summary>Every config of neuron <paramref name="neuronId"/> in <paramref name="form"/>, in a fixed order.</summary>
    public IReadOnlyList<DiscoveryMessage> Build(HomeAssistantDiscoveryForm form, string neuronId, IReadOnlyList<DiscoverySensor> sensors) =>
        form == HomeAssistantDiscoveryForm.Device ? [BuildDevice(neuronId, sensors)] : BuildComponents(neuronId, sensors);

    /// <summary>One config per entity of neuron <paramref name="neuronId"/>, in a fixed order.</summary>
    public IReadOnlyList<DiscoveryMessage> BuildComponents(string neuronId, IReadOnlyList<DiscoverySensor> sensors)
    {
        var topics = _scheme.For(neuronId);
        return [.. Entities(topics, sensors).Select(e => Single(topics, e))];
    }

    /// <summary>
    /// The one device config of neuron <paramref name="neuronId"/>: device, origin, availability and QoS once, then
    /// each entity under <c>cmps</c> by its key with its platform in <c>p</c>. Its object id is the component-form
    /// node_id joined to the neuron id, and every unique id is the one of the component form, so Home Assistant
    /// keeps the same entities when a node switches form.
    /// </summary>
    public DiscoveryMessage BuildDevice(string neuronId, IReadOnlyList<DiscoverySensor> sensors)
    {
        var topics = _scheme.For(neuronId);
        var entities = Entities(topics, sensors);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            WriteDevice(w, topics.Id, abbreviated: true);
            WriteOrigin(w, abbreviated: true);
            WriteShared(w, topics);
            w.WriteStartObject("cmps");
            foreach (var entity in entities)
            {
                w.WriteStartObject(entity.Key);
                w.WriteString("p", entity.Platform);
                WriteEntity(w, topics, entity);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return new DiscoveryMessage(
            DiscoveryNames.DeviceTopic(_prefix, NodeId, topics.Id),
            Encoding.UTF8.GetString(buffer.ToArray()),
            entities.ToDictionary(e => e.Key, e => e.Platform, StringComparer.Ordinal));
    }

    private List<DiscoveryEntity> Entities(NeuronTopics topics, IReadOnlyList<DiscoverySensor> sensors)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        var entities = new List<DiscoveryEntity>
        {
            new("binary_sensor", "firing", "Firing", null, w =>
            {
                w.WriteString("state_topic", topics.State);
                // The state's output is 1 while the neuron fires (for refractoryMs), else 0.
                w.WriteString("value_template", "{{ value_json.output }}");
                w.WriteString("payload_on", "1");
                w.WriteString("payload_off", "0");
                WriteExpiry(w);
            }),
            new("button", "kick", "Kick", null, w =>
            {
                w.WriteString("command_topic", topics.Kick);
                // docs/protocol.md: an empty kick payload is an external kick, counted with weight 1.
                w.WriteString("payload_press", string.Empty);
            }),
            new("button", "fire", "Fire", null, w =>
            {
                w.WriteString("command_topic", topics.Fire);
                w.WriteString("payload_press", string.Empty);
            }),
            // A setting of the neuron: Home Assistant lists it under the device's configuration, not its controls.
            new("number", "threshold", "Threshold", "config", w =>
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
            // A counter about the neuron rather than something it senses: diagnostic.
            new("sensor", "fired_count", "Fired count", "diagnostic", w =>
            {
                w.WriteString("state_topic", topics.State);
                w.WriteString("value_template", "{{ value_json.firedCount }}");
                // firedCount survives restarts (it is persisted), so it only ever grows.
                w.WriteString("state_class", "total_increasing");
                WriteExpiry(w);
            }),
        };

        foreach (var sensor in sensors)
        {
            entities.Add(new("sensor", "sensor_" + NeuronId.Require(sensor.Name, nameof(sensors)), sensor.Name, null, w =>
            {
                w.WriteString("state_topic", $"{_scheme.Root}/{topics.Id}/sensors/{sensor.Name}");
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
                // A reading is published every interval: three missed ones mean a sensor that stopped reading or a
                // neuron that is gone. An edge sensor is silent while its input stays put, so it never expires.
                if (sensor.ReadEvery is { } every)
                {
                    w.WriteNumber("expire_after", ExpireAfterSeconds(every));
                }
            }));
        }

        return entities;
    }

    // Availability comes from the retained status, which a dead broker node of a cluster never turns offline (its
    // clients' wills die with it): the heartbeat's silence does. Only binary_sensor and sensor have expire_after; the
    // threshold (a number) and the buttons stay as the status says.
    private void WriteExpiry(Utf8JsonWriter w) => w.WriteNumber("expire_after", _expireAfterSeconds);

    // expire_after is whole seconds, at least 1: three intervals, rounded up.
    private static int ExpireAfterSeconds(TimeSpan interval) =>
        (int)Math.Max(1, Math.Ceiling(interval.TotalSeconds * Heartbeat.MissedForOffline));

    private DiscoveryMessage Single(NeuronTopics topics, DiscoveryEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            WriteEntity(w, topics, entity);
            WriteShared(w, topics);
            WriteDevice(w, topics.Id, abbreviated: false);
            WriteOrigin(w, abbreviated: false);
            w.WriteEndObject();
        }

        var objectId = DiscoveryNames.ObjectId(NodeId, topics.Id, entity.Key);
        return new DiscoveryMessage($"{_prefix}/{entity.Platform}/{NodeId}/{objectId}/config", Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private void WriteEntity(Utf8JsonWriter w, NeuronTopics topics, DiscoveryEntity entity)
    {
        var uniqueId = DiscoveryNames.ObjectId(NodeId, topics.Id, entity.Key);
        w.WriteString("name", entity.Name);
        w.WriteString("unique_id", uniqueId);
        w.WriteString("default_entity_id", $"{entity.Platform}.{uniqueId}");
        if (entity.Category is { } category)
        {
            w.WriteString("entity_category", category);
        }

        entity.WriteOptions(w);
    }

    // Options a device config may share with all its components (Home Assistant's MQTT docs).
    private static void WriteShared(Utf8JsonWriter w, NeuronTopics topics)
    {
        // Commands and state at least once, as the neurons publish them.
        w.WriteNumber("qos", 1);
        // The neuron's retained status: online, or offline as its MQTT last will (docs/protocol.md).
        w.WriteString("availability_topic", topics.Status);
        w.WriteString("payload_available", StatusPayloads.Online);
        w.WriteString("payload_not_available", StatusPayloads.Offline);
    }

    // The device config uses the short keys of Home Assistant's device discovery docs (dev, ids, mf, mdl, sw, o);
    // the single-component configs keep the long ones they always had.
    private void WriteDevice(Utf8JsonWriter w, string neuronId, bool abbreviated)
    {
        w.WriteStartObject(abbreviated ? "dev" : "device");
        w.WriteStartArray(abbreviated ? "ids" : "identifiers");
        w.WriteStringValue(DiscoveryNames.DeviceId(NodeId, neuronId));
        w.WriteEndArray();
        w.WriteString("name", _scheme.Root == ProtocolLimits.DefaultRoot ? $"Neuron {neuronId}" : $"Neuron {neuronId} ({_scheme.Root})");
        w.WriteString(abbreviated ? "mdl" : "model", "PiNeurons neuron");
        w.WriteString(abbreviated ? "mf" : "manufacturer", "PiNeurons");
        w.WriteString(abbreviated ? "sw" : "sw_version", _swVersion);
        w.WriteEndObject();
    }

    private void WriteOrigin(Utf8JsonWriter w, bool abbreviated)
    {
        w.WriteStartObject(abbreviated ? "o" : "origin");
        w.WriteString("name", "PiNeurons");
        w.WriteString(abbreviated ? "sw" : "sw_version", _swVersion);
        w.WriteEndObject();
    }
}
