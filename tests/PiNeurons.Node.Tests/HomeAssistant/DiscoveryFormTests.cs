using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using PiNeurons.Core.Manifest;
using PiNeurons.Mqtt;
using PiNeurons.Node.HomeAssistant;
using PiNeurons.Node.Hosting;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests.HomeAssistant;

/// <summary>
/// The two discovery forms and the runs between them, through the node's own wiring (<see cref="DiscoveryWiring"/>)
/// on a real Mosquitto: each test runs the announcer once per node run, on one state directory, and reads what Home
/// Assistant would read under its own prefix.
/// </summary>
public sealed class DiscoveryFormTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly string _stateDir = Directory.CreateTempSubdirectory("pineurons-ha-").FullName;
    private readonly string _prefix = "ha" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _root = "tform" + Guid.NewGuid().ToString("N")[..6];

    private string DeviceTopic => $"{_prefix}/device/{_root}_a/config";

    private string ComponentTopic(string platform, string key) => $"{_prefix}/{platform}/{_root}/{_root}_a_{key}/config";

    [Fact]
    public async Task Run_SensorRemovedSinceTheLastRun_ItsComponentRemovedThenLeftOut()
    {
        await using var homeAssistant = await MqttProbe.ConnectAsync(fixture.Broker.Url, _prefix + "/#");
        await RunAsync(HomeAssistantDiscoveryForm.Device, homeAssistant, new DiscoverySensor("temp", "°C", "temperature"), new DiscoverySensor("hum", "%", "humidity"));
        var before = Snapshot(homeAssistant);

        await RunAsync(HomeAssistantDiscoveryForm.Device, homeAssistant, new DiscoverySensor("temp", "°C", "temperature"));

        var configs = homeAssistant.Received.Where(m => m.Topic == DeviceTopic && !before.Contains(m)).Select(Components).ToList();
        Assert.Equal(2, configs.Count);
        Assert.Equal("{\"p\":\"sensor\"}", configs[0].GetProperty("sensor_hum").GetRawText());
        Assert.Equal($"{_root}_a_sensor_temp", configs[0].GetProperty("sensor_temp").GetProperty("unique_id").GetString());
        Assert.False(configs[1].TryGetProperty("sensor_hum", out _));
        Assert.True(configs[1].TryGetProperty("sensor_temp", out _));
        var retained = await RetainedAsync();
        Assert.False(Components(retained[DeviceTopic]).TryGetProperty("sensor_hum", out _));
    }

    [Fact]
    public async Task Run_ComponentForm_OneRetainedConfigPerEntityAndNoDeviceConfig()
    {
        await using var homeAssistant = await MqttProbe.ConnectAsync(fixture.Broker.Url, _prefix + "/#");

        await RunAsync(HomeAssistantDiscoveryForm.Component, homeAssistant, new DiscoverySensor("temp", "°C", "temperature"));

        var retained = await RetainedAsync();
        Assert.Equal(
            new[]
            {
                ComponentTopic("binary_sensor", "firing"), ComponentTopic("button", "fire"), ComponentTopic("button", "kick"),
                ComponentTopic("number", "threshold"), ComponentTopic("sensor", "fired_count"), ComponentTopic("sensor", "sensor_temp"),
            }.Order(StringComparer.Ordinal),
            retained.Keys.Order(StringComparer.Ordinal));
        var threshold = JsonDocument.Parse(MqttProbe.PayloadOf(retained[ComponentTopic("number", "threshold")])).RootElement;
        Assert.Equal($"{_root}_a_threshold", threshold.GetProperty("unique_id").GetString());
        Assert.Equal([$"pineurons_{_root}_a"], threshold.GetProperty("device").GetProperty("identifiers").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("config", threshold.GetProperty("entity_category").GetString());
    }

    [Fact]
    public async Task Run_ComponentFormThenDevice_OldConfigsMigratedThenClearedAfterTheDeviceConfig()
    {
        await using var homeAssistant = await MqttProbe.ConnectAsync(fixture.Broker.Url, _prefix + "/#");
        await RunAsync(HomeAssistantDiscoveryForm.Component, homeAssistant);
        var before = Snapshot(homeAssistant);

        await RunAsync(HomeAssistantDiscoveryForm.Device, homeAssistant);

        var after = homeAssistant.Received.Where(m => !before.Contains(m)).ToList();
        var device = after.FindIndex(m => m.Topic == DeviceTopic);
        Assert.True(device >= 0, "the device config must be published");
        foreach (var old in new[] { ComponentTopic("binary_sensor", "firing"), ComponentTopic("button", "kick"), ComponentTopic("number", "threshold") })
        {
            var migrate = after.FindIndex(m => m.Topic == old && MqttProbe.PayloadOf(m) == "{\"migrate_discovery\": true}");
            var cleared = after.FindIndex(m => m.Topic == old && m.Payload.IsEmpty);
            Assert.True(migrate >= 0 && migrate < device, $"{old}: migrate_discovery must come before the device config");
            Assert.True(cleared > device, $"{old}: the empty payload must come after the device config");
        }

        Assert.Equal([DeviceTopic], (await RetainedAsync()).Keys);
    }

    [Fact]
    public async Task Run_DeviceFormThenComponent_DeviceConfigMigratedThenCleared()
    {
        await using var homeAssistant = await MqttProbe.ConnectAsync(fixture.Broker.Url, _prefix + "/#");
        await RunAsync(HomeAssistantDiscoveryForm.Device, homeAssistant);
        var before = Snapshot(homeAssistant);

        await RunAsync(HomeAssistantDiscoveryForm.Component, homeAssistant);

        var after = homeAssistant.Received.Where(m => !before.Contains(m)).ToList();
        var migrate = after.FindIndex(m => m.Topic == DeviceTopic && MqttProbe.PayloadOf(m) == "{\"migrate_discovery\": true}");
        var kick = after.FindIndex(m => m.Topic == ComponentTopic("button", "kick"));
        var cleared = after.FindIndex(m => m.Topic == DeviceTopic && m.Payload.IsEmpty);
        Assert.True(migrate >= 0 && migrate < kick && kick < cleared, $"expected migrate, configs, clear; got {migrate}, {kick}, {cleared}");
        var retained = await RetainedAsync();
        Assert.DoesNotContain(DeviceTopic, retained.Keys);
        Assert.Equal(5, retained.Count);
    }

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    // One node run: announce once, as the node does on connecting, then stop.
    private async Task RunAsync(HomeAssistantDiscoveryForm form, MqttProbe homeAssistant, params DiscoverySensor[] sensors)
    {
        var plan = NodePlanner.Create(new NodeOptions { Neurons = "a", Root = _root, StateDir = _stateDir, HomeAssistant = _prefix }, "pi", null) with
        {
            HomeAssistant = new HomeAssistantEntry(true, _prefix, form),
            DiscoverySensors = new Dictionary<string, IReadOnlyList<DiscoverySensor>>(StringComparer.Ordinal) { ["a"] = sensors },
        };
        using var announcer = DiscoveryWiring.Create(plan, NullLoggerFactory.Instance, TimeProvider.System)!;
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        await using var connection = announcer.Connect(
            MqttConnectionHandlers.None,
            h => new ResilientMqttConnection(
                new MqttConnectionOptions
                {
                    Brokers = BrokerAddress.Parse(fixture.Broker.Url),
                    ClientId = "form-" + Guid.NewGuid().ToString("N"),
                    Subscriptions = [DiscoveryWiring.StatusTopic(plan)!],
                },
                new MqttConnectionHandlers
                {
                    Connected = async ct =>
                    {
                        await h.Connected!(ct);
                        connected.TrySetResult();
                    },
                    MessageReceived = h.MessageReceived,
                },
                NullLogger<ResilientMqttConnection>.Instance,
                TimeProvider.System));
        var running = connection.RunAsync(stop.Token);
        await connected.Task.WaitAsync(Timeout);
        // The announcer published at QoS 1 and awaited each acknowledgement; a marker through the broker after them
        // arrives after them (the broker keeps one publisher's order).
        var marker = $"{_prefix}/marker/{Guid.NewGuid():N}";
        await connection.PublishAsync(MqttMessages.Create(marker, "end"), stop.Token);
        await homeAssistant.WaitForAsync(marker, timeout: Timeout);
        await stop.CancelAsync();
        await running;
    }

    private async Task<Dictionary<string, MqttApplicationMessage>> RetainedAsync()
    {
        await using var late = await MqttProbe.ConnectAsync(fixture.Broker.Url, _prefix + "/+/#");
        var marker = $"{_prefix}/marker/{Guid.NewGuid():N}";
        await late.PublishAsync(marker, "end");
        await late.WaitForAsync(marker, timeout: Timeout);
        return late.Received.Where(m => m.Retain && !m.Topic.StartsWith($"{_prefix}/marker/", StringComparison.Ordinal)).ToDictionary(m => m.Topic);
    }

    private static JsonElement Components(MqttApplicationMessage message) =>
        JsonDocument.Parse(MqttProbe.PayloadOf(message)).RootElement.GetProperty("cmps").Clone();

    private static HashSet<object> Snapshot(MqttProbe probe) => new(probe.Received, ReferenceEqualityComparer.Instance);
}
