using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Hardware.Sensors.Polled;
using PiNeurons.Mqtt;
using PiNeurons.Node.Hosting;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests.Hardware;

/// <summary>
/// A polled sensor's readings reach MQTT (retained on sensors/&lt;name&gt; and in the state), a reading
/// crossing the threshold kicks once (hysteresis), and a failed read is an error event, never a kick.
/// The sensor itself is scripted at the hardware seam; everything after it is the real node on a real broker.
/// </summary>
public sealed class SensorTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private readonly string _root = "t" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _stateDir = Directory.CreateTempSubdirectory("pineurons-sensor-").FullName;
    private readonly ScriptedSensor _room = new("room", SensorMeasure.Temperature, "°C");
    private MqttProbe _probe = null!;
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _probe = await MqttProbe.ConnectAsync(fixture.Broker.Url, $"{_root}/+/events", $"{_root}/+/status", $"{_root}/+/sensors/#");
        var sensor = new SensorEntry("room", SensorTypes.Bme280, -1, PullMode.None, EdgeKind.Rising, 0)
        {
            Measure = "temperature",
            IntervalMs = 100,
            Threshold = new SensorThresholdEntry(ThresholdDirection.Above, 25, 0.5),
        };
        var neuron = new NeuronEntry("t", "pi", NeuronConfig.Default with { RefractoryMs = 0 }, null, null, [sensor]);
        var plan = new NodePlan(BrokerAddress.Parse(fixture.Broker.Url), _root, _stateDir,
            [new PlannedHost("pi", GpioDriverKind.Simulated, 0, [neuron])]);
        _room.Next(20);
        _host = NodeHost.Build(plan, LogLevel.Warning, null, _ => _room);
        await _host.StartAsync();
        await _probe.WaitForAsync(m => m.Topic == $"{_root}/t/status" && MqttProbe.PayloadOf(m) == "online");
    }

    [Fact]
    public async Task Reading_PublishedRetainedWithUnitAndTime()
    {
        await _probe.WaitForAsync(m => m.Topic == $"{_root}/t/sensors/room");

        // A client subscribing afterwards gets the latest reading at once, flagged retained.
        await using var late = await MqttProbe.ConnectAsync(fixture.Broker.Url, $"{_root}/t/sensors/room");
        var message = await late.WaitForAsync(m => m.Topic == $"{_root}/t/sensors/room");
        Assert.True(message.Retain);
        Assert.Contains("\"unit\":\"°C\"", MqttProbe.PayloadOf(message), StringComparison.Ordinal);
        using var reading = JsonDocument.Parse(MqttProbe.PayloadOf(message));
        Assert.Equal(20, reading.RootElement.GetProperty("value").GetDouble());
        Assert.Equal("°C", reading.RootElement.GetProperty("unit").GetString());
        Assert.True(reading.RootElement.TryGetProperty("at", out _));
    }

    [Fact]
    public async Task RoomWarmsPastTheThreshold_SensorEventKickAndFiringOnce()
    {
        _room.Next(26);
        var sensor = await EventAsync("sensor");
        await EventAsync("kicked");
        await EventAsync("fired");
        Assert.Contains("rose to 26 °C, above the threshold 25 °C", MqttProbe.PayloadOf(sensor), StringComparison.Ordinal);

        // Hovering just under the threshold (within the hysteresis) and back: no second kick.
        var mark = _probe.Received.Count;
        _room.Next(24.8);
        await ReadingAsync(24.8);
        _room.Next(25.3);
        await ReadingAsync(25.3);
        Assert.DoesNotContain(_probe.Received.Skip(mark), m => m.Topic == $"{_root}/t/events" && MqttProbe.PayloadOf(m).Contains("\"kicked\"", StringComparison.Ordinal));

        // Back past the hysteresis, then up again: the next crossing kicks.
        _room.Next(24);
        await ReadingAsync(24);
        _room.Next(25.5);
        await _probe.WaitForAsync(m => m.Topic == $"{_root}/t/events" && MqttProbe.PayloadOf(m).Contains("rose to 25.5 °C", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailedRead_ErrorEventNamingTheSensorAndNoKick()
    {
        var mark = _probe.Received.Count;
        _room.Fail();

        var error = await EventAsync("error");
        Assert.Contains("sensor room: BME280 at I2C bus 1 address 0x76: no answer", MqttProbe.PayloadOf(error), StringComparison.Ordinal);

        _room.Next(21);
        await ReadingAsync(21);
        Assert.DoesNotContain(_probe.Received.Skip(mark), m => MqttProbe.PayloadOf(m).Contains("\"kicked\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Query_StateCarriesTheLatestReading()
    {
        await ReadingAsync(20);
        await using var client = await MqttRequestClient.ConnectAsync(
            new MqttRequestClientOptions { Brokers = BrokerAddress.Parse(fixture.Broker.Url), Root = _root }, TimeProvider.System, CancellationToken.None);

        var reply = await client.RequestAsync($"{_root}/t/query", ReadOnlyMemory<byte>.Empty, TimeSpan.FromSeconds(10), CancellationToken.None);

        using var state = JsonDocument.Parse(MqttProbe.PayloadOf(reply));
        var room = state.RootElement.GetProperty("sensors").GetProperty("room");
        Assert.Equal(20, room.GetProperty("value").GetDouble());
        Assert.Equal("°C", room.GetProperty("unit").GetString());
    }

    private Task<MQTTnet.MqttApplicationMessage> EventAsync(string type) =>
        _probe.WaitForAsync(m => m.Topic == $"{_root}/t/events"
            && MqttProbe.PayloadOf(m).Contains($"\"type\":\"{type}\"", StringComparison.Ordinal));

    private Task<MQTTnet.MqttApplicationMessage> ReadingAsync(double value) =>
        _probe.WaitForAsync(m => m.Topic == $"{_root}/t/sensors/room"
            && MqttProbe.PayloadOf(m).Contains($"\"value\":{value.ToString(System.Globalization.CultureInfo.InvariantCulture)},", StringComparison.Ordinal));

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _probe.DisposeAsync();
        Directory.Delete(_stateDir, recursive: true);
    }
}
