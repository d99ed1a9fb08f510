using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PiNeurons.Node.Hosting;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>
/// docs/protocol.md section 9, "Heartbeat": a neuron republishes its status and state every interval, with nothing
/// changed, so consumers that cannot rely on retained messages and wills still hear it live. The node's clock is
/// faked: each interval passes at once, and the test waits for what it causes.
/// </summary>
public sealed class HeartbeatTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Heartbeat_TwoIntervalsPass_StatusAndTheSameStateRepublishedEachTimeWithoutAnEvent()
    {
        var root = "t" + Guid.NewGuid().ToString("N")[..10];
        var stateDir = Directory.CreateTempSubdirectory("pineurons-heartbeat-").FullName;
        await using var probe = await MqttProbe.ConnectAsync(fixture.Broker.Url, $"{root}/a/#");
        var plan = NodePlanner.Create(
            new NodeOptions { Neurons = "a", Root = root, Broker = fixture.Broker.Url, StateDir = stateDir, Heartbeat = "7" }, "pi", null);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = NodeHost.Build(plan, LogLevel.Warning, clock);
        await host.StartAsync();
        try
        {
            await CountAsync(probe, $"{root}/a/status", 1);
            var first = await CountAsync(probe, $"{root}/a/state", 1);
            using (var state = JsonDocument.Parse(first))
            {
                Assert.Equal(7, state.RootElement.GetProperty("heartbeatSeconds").GetInt32());
            }

            for (var beat = 2; beat <= 3; beat++)
            {
                clock.Advance(TimeSpan.FromSeconds(7));

                Assert.Equal("online", await CountAsync(probe, $"{root}/a/status", beat));
                Assert.Equal(first, await CountAsync(probe, $"{root}/a/state", beat));
            }

            // The first event the neuron ever numbers: the beats emitted none.
            await probe.PublishAsync($"{root}/a/kick", "x");
            var kicked = await probe.WaitForAsync($"{root}/a/events");
            Assert.Contains("\"seq\":1,\"type\":\"kicked\"", MqttProbe.PayloadOf(kicked), StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
            Directory.Delete(stateDir, recursive: true);
        }
    }

    // The payload of the count-th message on the topic, once it has arrived.
    private static async Task<string> CountAsync(MqttProbe probe, string topic, int count)
    {
        await probe.WaitForAsync(_ => probe.Received.Count(m => m.Topic == topic) >= count);
        return MqttProbe.PayloadOf(probe.Received.Where(m => m.Topic == topic).ElementAt(count - 1));
    }
}
