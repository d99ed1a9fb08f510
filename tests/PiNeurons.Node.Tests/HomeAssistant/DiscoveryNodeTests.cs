using MQTTnet;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests.HomeAssistant;

/// <summary>
/// Home Assistant discovery as Home Assistant sees it, against a real node process and Mosquitto. Each test
/// announces under a discovery prefix of its own, so tests sharing the broker do not see each other's configs.
/// </summary>
public sealed class DiscoveryNodeTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private static string NewPrefix() => "ha" + Guid.NewGuid().ToString("N")[..10];

    private static IEnumerable<string> ConfigTopics(string prefix, string root, string id) => [$"{prefix}/device/{root}_{id}/config"];

    [Fact]
    public async Task Discovery_NodeStarted_EveryConfigRetained()
    {
        var prefix = NewPrefix();
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await using var live = await MqttProbe.ConnectAsync(fixture.Broker.Url, prefix + "/#");
        var mark = scenario.Mark();
        scenario.StartNode("--neurons", "a,b", "--home-assistant", prefix);
        await scenario.WaitOnlineAsync(mark, "a", "b");
        var topics = ConfigTopics(prefix, scenario.Root, "a").Concat(ConfigTopics(prefix, scenario.Root, "b")).ToArray();
        foreach (var topic in topics)
        {
            await WaitAsync(live, topic, scenario);
        }

        // A Home Assistant subscribing now gets them all from the broker's retained store.
        var retained = await RetainedAsync(prefix);
        foreach (var topic in topics)
        {
            Assert.True(retained.TryGetValue(topic, out var config), $"{topic} must be retained");
            var json = Scenario.Json(config!);
            Assert.True(json is not null, $"{topic}: not JSON: {MqttProbe.PayloadOf(config!)}");
            Assert.Equal(5, json!.Value.GetProperty("cmps").EnumerateObject().Count());
            Assert.StartsWith($"{scenario.Root}/", Scenario.Text(json.Value, "availability_topic"), StringComparison.Ordinal);
        }

        Assert.Equal(topics.Length, retained.Count);
    }

    [Fact]
    public async Task Discovery_NodeStarted_OneDeviceConfigWithTheDocumentedFields()
    {
        var prefix = NewPrefix();
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await using var homeAssistant = await MqttProbe.ConnectAsync(fixture.Broker.Url, prefix + "/#");
        var mark = scenario.Mark();
        scenario.StartNode("--neurons", "a", "--home-assistant", prefix, "--heartbeat", "7");
        await scenario.WaitOnlineAsync(mark, "a");
        var root = scenario.Root;
        var message = await WaitAsync(homeAssistant, $"{prefix}/device/{root}_a/config", scenario);

        var config = Scenario.Json(message)!.Value;
        var dev = config.GetProperty("dev");
        Assert.Equal([$"pineurons_{root}_a"], dev.GetProperty("ids").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal($"Neuron a ({root})", Scenario.Text(dev, "name"));
        Assert.Equal("PiNeurons", Scenario.Text(dev, "mf"));
        Assert.Equal("PiNeurons neuron", Scenario.Text(dev, "mdl"));
        Assert.Equal("PiNeurons", Scenario.Text(config.GetProperty("o"), "name"));
        Assert.Equal($"{root}/a/status", Scenario.Text(config, "availability_topic"));
        Assert.Equal("online", Scenario.Text(config, "payload_available"));
        Assert.Equal("offline", Scenario.Text(config, "payload_not_available"));
        Assert.Equal(1, config.GetProperty("qos").GetInt32());
        var cmps = config.GetProperty("cmps");
        Assert.Equal(["firing", "kick", "fire", "threshold", "fired_count"], cmps.EnumerateObject().Select(c => c.Name));
        Assert.Equal(
            ["binary_sensor", "button", "button", "number", "sensor"],
            cmps.EnumerateObject().Select(c => Scenario.Text(c.Value, "p")));
        Assert.All(cmps.EnumerateObject(), c =>
        {
            Assert.Equal($"{root}_a_{c.Name}", Scenario.Text(c.Value, "unique_id"));
            Assert.Equal($"{Scenario.Text(c.Value, "p")}.{root}_a_{c.Name}", Scenario.Text(c.Value, "default_entity_id"));
            Assert.False(c.Value.TryGetProperty("device", out _));
        });
        var firing = cmps.GetProperty("firing");
        Assert.Equal("Firing", Scenario.Text(firing, "name"));
        Assert.Equal($"{root}/a/state", Scenario.Text(firing, "state_topic"));
        Assert.Equal("{{ value_json.output }}", Scenario.Text(firing, "value_template"));
        Assert.False(firing.TryGetProperty("entity_category", out _));
        // Unavailable after three heartbeats (of 7 s) without a state, as the aggregator's liveness rule has it.
        Assert.Equal(21, firing.GetProperty("expire_after").GetInt32());
        var kick = cmps.GetProperty("kick");
        Assert.Equal($"{root}/a/kick", Scenario.Text(kick, "command_topic"));
        Assert.Equal(string.Empty, Scenario.Text(kick, "payload_press"));
        Assert.Equal($"{root}/a/fire", Scenario.Text(cmps.GetProperty("fire"), "command_topic"));
        var threshold = cmps.GetProperty("threshold");
        Assert.Equal($"{root}/a/state", Scenario.Text(threshold, "state_topic"));
        Assert.Equal($"{root}/a/set", Scenario.Text(threshold, "command_topic"));
        Assert.Equal("{\"threshold\": {{ value }}}", Scenario.Text(threshold, "command_template"));
        Assert.Equal("config", Scenario.Text(threshold, "entity_category"));
        var count = cmps.GetProperty("fired_count");
        Assert.Equal("{{ value_json.firedCount }}", Scenario.Text(count, "value_template"));
        Assert.Equal("total_increasing", Scenario.Text(count, "state_class"));
        Assert.Equal("diagnostic", Scenario.Text(count, "entity_category"));
        Assert.Equal(21, count.GetProperty("expire_after").GetInt32());
        Assert.False(threshold.TryGetProperty("expire_after", out _));
        Assert.DoesNotContain(homeAssistant.Received, m => m.Topic.StartsWith($"{prefix}/button/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Discovery_HomeAssistantComesOnline_ConfigsRepublished()
    {
        var prefix = NewPrefix();
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await using var homeAssistant = await MqttProbe.ConnectAsync(fixture.Broker.Url, prefix + "/#");
        var mark = scenario.Mark();
        scenario.StartNode("--neurons", "a", "--home-assistant", prefix);
        await scenario.WaitOnlineAsync(mark, "a");
        var topics = ConfigTopics(prefix, scenario.Root, "a").ToArray();
        foreach (var topic in topics)
        {
            await WaitAsync(homeAssistant, topic, scenario);
        }

        var before = Snapshot(homeAssistant);
        await homeAssistant.PublishAsync(prefix + "/status", "online");

        // The node waits a random 1-5 s first (Home Assistant's advice); the wait is bounded by Scenario.Timeout.
        foreach (var topic in topics)
        {
            await WaitAsync(homeAssistant, topic, scenario, after: before);
        }
    }

    [Fact]
    public async Task Discovery_RestartWithoutANeuron_ItsConfigsClearedOthersKept()
    {
        var prefix = NewPrefix();
        var stateDir = Directory.CreateTempSubdirectory("pineurons-ha-").FullName;
        try
        {
            await using var scenario = await Scenario.StartAsync(fixture.Broker);
            await using var homeAssistant = await MqttProbe.ConnectAsync(fixture.Broker.Url, prefix + "/#");
            var mark = scenario.Mark();
            var first = scenario.StartNode("--neurons", "a,b", "--home-assistant", prefix, "--state-dir", stateDir);
            await scenario.WaitOnlineAsync(mark, "a", "b");
            var removed = ConfigTopics(prefix, scenario.Root, "b").ToArray();
            foreach (var topic in removed)
            {
                await WaitAsync(homeAssistant, topic, scenario);
            }

            await first.StopAsync();
            var before = Snapshot(homeAssistant);
            mark = scenario.Mark();
            scenario.StartNode("--neurons", "a", "--home-assistant", prefix, "--state-dir", stateDir);
            await scenario.WaitOnlineAsync(mark, "a");

            foreach (var topic in removed)
            {
                var cleared = await WaitAsync(homeAssistant, topic, scenario, after: before);
                Assert.True(cleared.Payload.IsEmpty, $"{topic} must be cleared with an empty payload, got {MqttProbe.PayloadOf(cleared)}");
            }

            // What a Home Assistant starting now finds: a's configs, none of b's.
            var retained = await RetainedAsync(prefix);
            Assert.Superset(ConfigTopics(prefix, scenario.Root, "a").ToHashSet(), retained.Keys.ToHashSet());
            Assert.Empty(retained.Keys.Intersect(removed));
        }
        finally
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }

    [Fact]
    public async Task Discovery_RestartWithDiscoveryOff_EveryConfigCleared()
    {
        var stateDir = Directory.CreateTempSubdirectory("pineurons-ha-").FullName;
        try
        {
            await using var scenario = await Scenario.StartAsync(fixture.Broker);
            // The recorded topics are whole topics, so clearing needs no prefix; this scenario's root keeps them its own
            // (the waits below match the whole topic).
            await using var homeAssistant = await MqttProbe.ConnectAsync(fixture.Broker.Url, "homeassistant/device/+/config");
            var mark = scenario.Mark();
            var first = scenario.StartNode("--neurons", "a", "--home-assistant", "homeassistant", "--state-dir", stateDir);
            await scenario.WaitOnlineAsync(mark, "a");
            var topics = ConfigTopics("homeassistant", scenario.Root, "a").ToArray();
            foreach (var topic in topics)
            {
                await WaitAsync(homeAssistant, topic, scenario);
            }

            await first.StopAsync();
            var before = Snapshot(homeAssistant);
            mark = scenario.Mark();
            scenario.StartNode("--neurons", "a", "--state-dir", stateDir);
            await scenario.WaitOnlineAsync(mark, "a");

            foreach (var topic in topics)
            {
                var cleared = await WaitAsync(homeAssistant, topic, scenario, after: before);
                Assert.True(cleared.Payload.IsEmpty, $"{topic} must be cleared, got {MqttProbe.PayloadOf(cleared)}");
            }
        }
        finally
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }

    // The retained messages under the prefix, by topic. The marker, published after subscribing, arrives
    // after every retained message the subscription brings.
    private async Task<Dictionary<string, MqttApplicationMessage>> RetainedAsync(string prefix)
    {
        await using var late = await MqttProbe.ConnectAsync(fixture.Broker.Url, prefix + "/#");
        await late.PublishAsync(prefix + "/marker", "end");
        await late.WaitForAsync(prefix + "/marker", timeout: Scenario.Timeout);
        return late.Received.Where(m => m.Retain).ToDictionary(m => m.Topic);
    }

    // Messages received so far, by reference: a wait given this set only sees later ones.
    private static HashSet<object> Snapshot(MqttProbe probe) => new(probe.Received, ReferenceEqualityComparer.Instance);

    private static async Task<MqttApplicationMessage> WaitAsync(MqttProbe probe, string topic, Scenario scenario, HashSet<object>? after = null)
    {
        try
        {
            return await probe.WaitForAsync(m => m.Topic == topic && (after is null || !after.Contains(m)), Scenario.Timeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{topic}: {ex.Message}\n{scenario.DescribeNodes()}", ex);
        }
    }
}
