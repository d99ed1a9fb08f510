using System.Text.Json;
using Microsoft.Extensions.Logging;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Mqtt;
using PiNeurons.Node.Hosting;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>
/// A Pi without a real-time clock boots in the past. A node whose clock reads before its build day
/// says so (<c>"clock":"unsynchronized"</c>) in its events and state instead of passing 1970 off as a time;
/// with a believable clock the field is absent. The build day is moved past today to stand for a wrong clock.
/// </summary>
public sealed class ClockTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EventsAndState_ClockBeforeTheBuildDay_MarkedUnsynchronizedElseNot(bool clockWrong)
    {
        var root = "t" + Guid.NewGuid().ToString("N")[..10];
        var stateDir = Directory.CreateTempSubdirectory("pineurons-clock-").FullName;
        await using var probe = await MqttProbe.ConnectAsync(fixture.Broker.Url, $"{root}/+/events", $"{root}/+/status");
        var plan = new NodePlan(BrokerAddress.Parse(fixture.Broker.Url), root, stateDir,
            [new PlannedHost("pi", GpioDriverKind.Simulated, 0, [new NeuronEntry("c", "pi", NeuronConfig.Default, null, null, [])])])
        {
            ClockFloor = clockWrong ? new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero) : new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        using var host = NodeHost.Build(plan, LogLevel.Warning);
        await host.StartAsync();
        try
        {
            await probe.WaitForAsync(m => m.Topic == $"{root}/c/status" && MqttProbe.PayloadOf(m) == "online");
            await using var client = await MqttRequestClient.ConnectAsync(
                new MqttRequestClientOptions { Brokers = BrokerAddress.Parse(fixture.Broker.Url), Root = root }, TimeProvider.System, CancellationToken.None);

            await client.PublishAsync($"{root}/c/kick", "x"u8.ToArray());
            var kicked = await probe.WaitForAsync(m => m.Topic == $"{root}/c/events" && MqttProbe.PayloadOf(m).Contains("\"kicked\"", StringComparison.Ordinal));
            var reply = await client.RequestAsync($"{root}/c/query", ReadOnlyMemory<byte>.Empty, TimeSpan.FromSeconds(10), CancellationToken.None);

            using var state = JsonDocument.Parse(MqttProbe.PayloadOf(reply));
            using var e = JsonDocument.Parse(MqttProbe.PayloadOf(kicked));
            foreach (var message in new[] { state.RootElement, e.RootElement })
            {
                if (clockWrong)
                {
                    Assert.Equal("unsynchronized", message.GetProperty("clock").GetString());
                }
                else
                {
                    Assert.False(message.TryGetProperty("clock", out _), message.GetRawText());
                }
            }
        }
        finally
        {
            await host.StopAsync();
            Directory.Delete(stateDir, recursive: true);
        }
    }
}
