using System.Text.Json;
using PiNeurons.Node.HomeAssistant;

namespace PiNeurons.Node.Tests.HomeAssistant;

/// <summary>The single-component discovery configs, read as Home Assistant's MQTT integration reads them.</summary>
public sealed class DiscoveryBuilderComponentTests
{
    // The node's default heartbeat: the state is republished every 30 s.
    private static readonly DiscoveryBuilder Builder = new("homeassistant", "pineurons", "1.2.3", TimeSpan.FromSeconds(30));

    private static IReadOnlyDictionary<string, JsonElement> Build(string id = "h1", params DiscoverySensor[] sensors) =>
        Builder.BuildComponents(id, sensors).ToDictionary(m => m.Topic, m => JsonDocument.Parse(m.Payload).RootElement.Clone());

    private static JsonElement Config(IReadOnlyDictionary<string, JsonElement> configs, string component, string entity) =>
        configs[$"homeassistant/{component}/pineurons/pineurons_h1_{entity}/config"];

    private static string Text(JsonElement e, string property) => e.GetProperty(property).GetString()!;

    [Fact]
    public void Build_NeuronWithoutSensors_FiveEntitiesOnTheirTopics()
    {
        var configs = Build();

        Assert.Equal(
            [
                "homeassistant/binary_sensor/pineurons/pineurons_h1_firing/config",
                "homeassistant/button/pineurons/pineurons_h1_kick/config",
                "homeassistant/button/pineurons/pineurons_h1_fire/config",
                "homeassistant/number/pineurons/pineurons_h1_threshold/config",
                "homeassistant/sensor/pineurons/pineurons_h1_fired_count/config",
            ],
            configs.Keys);
    }

    [Fact]
    public void Build_EveryEntity_OneDeviceAvailableOnTheNeuronsStatus()
    {
        foreach (var (topic, config) in Build())
        {
            var component = topic.Split('/')[1];
            Assert.Equal(topic.Split('/')[3], Text(config, "unique_id"));
            Assert.Equal($"{component}.{Text(config, "unique_id")}", Text(config, "default_entity_id"));
            Assert.False(config.TryGetProperty("object_id", out _), "object_id stopped working in Home Assistant 2026.4");
            Assert.Equal("pineurons/h1/status", Text(config, "availability_topic"));
            Assert.Equal("online", Text(config, "payload_available"));
            Assert.Equal("offline", Text(config, "payload_not_available"));
            var device = config.GetProperty("device");
            Assert.Equal(["pineurons_pineurons_h1"], device.GetProperty("identifiers").EnumerateArray().Select(i => i.GetString()));
            Assert.Equal("Neuron h1", Text(device, "name"));
            Assert.Equal("PiNeurons neuron", Text(device, "model"));
            Assert.Equal("PiNeurons", Text(device, "manufacturer"));
            Assert.Equal("1.2.3", Text(device, "sw_version"));
            Assert.Equal("PiNeurons", Text(config.GetProperty("origin"), "name"));
        }
    }

    [Fact]
    public void Build_Firing_BinarySensorOnTheStatesOutput()
    {
        var firing = Config(Build(), "binary_sensor", "firing");

        Assert.Equal("Firing", Text(firing, "name"));
        Assert.Equal("pineurons/h1/state", Text(firing, "state_topic"));
        Assert.Equal("{{ value_json.output }}", Text(firing, "value_template"));
        Assert.Equal("1", Text(firing, "payload_on"));
        Assert.Equal("0", Text(firing, "payload_off"));
        // Three heartbeats without a state: unavailable, even when no will came to say offline.
        Assert.Equal(90, firing.GetProperty("expire_after").GetInt32());
    }

    [Fact]
    public void Build_Buttons_ExternalKickAndFireCommands()
    {
        var configs = Build();
        var kick = Config(configs, "button", "kick");
        var fire = Config(configs, "button", "fire");

        Assert.Equal("pineurons/h1/kick", Text(kick, "command_topic"));
        // docs/protocol.md: an empty kick payload is an external kick.
        Assert.Equal(string.Empty, Text(kick, "payload_press"));
        Assert.Equal("pineurons/h1/fire", Text(fire, "command_topic"));
        Assert.Equal(1, kick.GetProperty("qos").GetInt32());
    }

    [Fact]
    public void Build_Threshold_NumberReadFromConfigAndSetByMergePatch()
    {
        var threshold = Config(Build(), "number", "threshold");

        Assert.Equal("pineurons/h1/state", Text(threshold, "state_topic"));
        Assert.Equal("{{ value_json.config.threshold }}", Text(threshold, "value_template"));
        Assert.Equal("pineurons/h1/set", Text(threshold, "command_topic"));
        // What Home Assistant renders for the value 1.5 must be a set that docs/protocol.md accepts.
        var rendered = Text(threshold, "command_template").Replace("{{ value }}", "1.5", StringComparison.Ordinal);
        Assert.Equal(1.5, JsonDocument.Parse(rendered).RootElement.GetProperty("threshold").GetDouble());
        Assert.Equal("box", Text(threshold, "mode"));
        Assert.Equal("config", Text(threshold, "entity_category"));
        Assert.True(threshold.GetProperty("min").GetDouble() < threshold.GetProperty("max").GetDouble());
        Assert.True(threshold.GetProperty("step").GetDouble() > 0);
        Assert.False(threshold.TryGetProperty("expire_after", out _), "a number has no expire_after in Home Assistant");
    }

    [Fact]
    public void Build_FiredCount_TotalIncreasingSensor()
    {
        var count = Config(Build(), "sensor", "fired_count");

        Assert.Equal("Fired count", Text(count, "name"));
        Assert.Equal("diagnostic", Text(count, "entity_category"));
        Assert.Equal("{{ value_json.firedCount }}", Text(count, "value_template"));
        Assert.Equal("total_increasing", Text(count, "state_class"));
        Assert.Equal(90, count.GetProperty("expire_after").GetInt32());
    }

    [Fact]
    public void Build_Sensors_OneMeasurementSensorEachOnItsTopic()
    {
        var configs = Build("h1", new DiscoverySensor("temp", "°C", "temperature", TimeSpan.FromSeconds(2)), new DiscoverySensor("pir", string.Empty, null));

        var temp = Config(configs, "sensor", "sensor_temp");
        Assert.Equal("pineurons/h1/sensors/temp", Text(temp, "state_topic"));
        Assert.Equal("{{ value_json.value }}", Text(temp, "value_template"));
        Assert.Equal("°C", Text(temp, "unit_of_measurement"));
        Assert.Equal("temperature", Text(temp, "device_class"));
        Assert.Equal("measurement", Text(temp, "state_class"));
        // Read every 2 s: unavailable once three readings are missing.
        Assert.Equal(6, temp.GetProperty("expire_after").GetInt32());
        var pir = Config(configs, "sensor", "sensor_pir");
        Assert.False(pir.TryGetProperty("device_class", out _));
        Assert.False(pir.TryGetProperty("unit_of_measurement", out _));
        // An edge sensor publishes only when its input changes: silence is no sign of trouble.
        Assert.False(pir.TryGetProperty("expire_after", out _));
        Assert.Equal(7, configs.Count);
    }

    [Theory]
    [InlineData("temperature", "temperature")]
    [InlineData("Humidity", "humidity")]
    [InlineData("pressure", "pressure")]
    [InlineData("distance", "distance")]
    [InlineData("motion", null)]
    public void DeviceClassOf_SensorKind_HomeAssistantClass(string kind, string? expected) =>
        Assert.Equal(expected, DiscoverySensor.DeviceClassOf(kind));

    [Fact]
    public void NodeId_NestedRoot_ValidIdDistinctFromTheFlatLookalike()
    {
        var nested = DiscoveryNames.NodeId("lab/a_b");
        var flat = DiscoveryNames.NodeId("lab_a_b");

        Assert.Matches("^[a-zA-Z0-9_-]+$", nested);
        Assert.NotEqual(flat, nested);
        Assert.Equal("lab_a_b", flat);
    }

    [Fact]
    public void Build_TwoRoots_NoSharedTopicOrUniqueId()
    {
        var a = new DiscoveryBuilder("homeassistant", "lab", "1", TimeSpan.FromSeconds(30)).BuildComponents("x", []);
        var b = new DiscoveryBuilder("homeassistant", "home", "1", TimeSpan.FromSeconds(30)).BuildComponents("x", []);

        Assert.Empty(a.Select(m => m.Topic).Intersect(b.Select(m => m.Topic)));
        Assert.All(a.Concat(b), m => Assert.Matches("^homeassistant/[a-z_]+/[a-zA-Z0-9_-]+/[a-zA-Z0-9_-]+/config$", m.Topic));
    }
}
