using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Core.Manifest;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Mqtt;
using PiNeurons.Node.Hosting;
using PiNeurons.Node.Tests.Support;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests.Hardware;

/// <summary>
/// A temperature neuron fires when the simulated room warms: firmware-config/room.yaml's neuron on
/// simulated sensors, with the node's clock faked so two minutes of a warming room pass at once. Each step of
/// the clock waits for the reading it causes, so the test follows the node instead of sleeping.
/// </summary>
public sealed class RoomWarmsTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    // A guard against a hang, not a time the node must meet: the clock is faked, so nothing here waits on real time,
    // and with every node test running at once on two cores the first reading once took longer than the probe's 10 s.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Warm_SimulatedRoomPasses25Degrees_SensorEventKickAndFiringOnce()
    {
        var root = "t" + Guid.NewGuid().ToString("N")[..10];
        var stateDir = Directory.CreateTempSubdirectory("pineurons-room-").FullName;
        await using var probe = await MqttProbe.ConnectAsync(fixture.Broker.Url, $"{root}/warm/#");
        var manifest = ClusterManifest.Parse(await File.ReadAllTextAsync(TempManifest.Room), "room.yaml");
        var plan = new NodePlan(BrokerAddress.Parse(fixture.Broker.Url), root, stateDir,
            [.. manifest.Hosts.Select(h => new PlannedHost(h.Name, GpioDriverKind.Simulated, 0, h.Neurons))]);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = NodeHost.Build(plan, LogLevel.Warning, clock);
        await host.StartAsync();
        try
        {
            await probe.WaitForAsync(m => m.Topic == $"{root}/warm/status" && MqttProbe.PayloadOf(m) == "online", Hang);
            await ReadingsAsync(probe, root, 1);

            // room is read every 2 s; the simulated room starts below 25 °C and is at 28 °C two minutes later.
            for (var step = 1; step <= 75 && !Fired(probe, root); step++)
            {
                clock.Advance(TimeSpan.FromSeconds(2));
                await ReadingsAsync(probe, root, step + 1);
            }

            var sensor = await probe.WaitForAsync(m => m.Topic == $"{root}/warm/events" && MqttProbe.PayloadOf(m).Contains("\"type\":\"sensor\"", StringComparison.Ordinal), Hang);
            Assert.Contains("above the threshold 25 °C", MqttProbe.PayloadOf(sensor), StringComparison.Ordinal);
            Assert.True(Fired(probe, root), "warm did not fire within two simulated minutes");
            Assert.Single(probe.Received, m => m.Topic == $"{root}/warm/events" && MqttProbe.PayloadOf(m).Contains("\"type\":\"sensor\"", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync();
            Directory.Delete(stateDir, recursive: true);
        }
    }

    private static bool Fired(MqttProbe probe, string root) =>
        probe.Received.Any(m => m.Topic == $"{root}/warm/events" && MqttProbe.PayloadOf(m).Contains("\"type\":\"fired\"", StringComparison.Ordinal));

    // The poller publishes one room reading per 2 s of the node's clock.
    private static Task ReadingsAsync(MqttProbe probe, string root, int count) =>
        probe.WaitForAsync(_ => probe.Received.Count(m => m.Topic == $"{root}/warm/sensors/room") >= count, Hang);
}
