using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>docs/protocol.md, <c>&lt;root&gt;/&lt;id&gt;/status</c>: retained online/offline, offline being the last will.</summary>
public sealed class StatusTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Status_AfterStart_RetainedOnline()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("a", "b");

        await using var late = await MqttProbe.ConnectAsync(fixture.Broker.Url, scenario.Root + "/+/status");
        foreach (var id in new[] { "a", "b" })
        {
            var status = await late.WaitForAsync(scenario.Topic(id, "status"), timeout: Scenario.Timeout);
            Assert.True(status.Retain, $"{id}'s status must be retained");
            Assert.Equal("online", MqttProbe.PayloadOf(status));
        }
    }

    [Fact]
    public async Task Status_CleanStop_OfflineAndExitCodeZero()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        var node = await scenario.StartNeuronsOnlineAsync("a", "b");
        var mark = scenario.Mark();

        await node.StopAsync();

        Assert.True(node.ExitCode == 0, node.Describe());
        await scenario.WaitStatusAsync(mark, "a", "offline");
        await scenario.WaitStatusAsync(mark, "b", "offline");
        await using var late = await MqttProbe.ConnectAsync(fixture.Broker.Url, scenario.Topic("a", "status"));
        var retained = await late.WaitForAsync(scenario.Topic("a", "status"), timeout: Scenario.Timeout);
        Assert.Equal("offline", MqttProbe.PayloadOf(retained));
    }

    [Fact]
    public async Task Status_KillNine_OfflineByLastWill()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        var node = await scenario.StartNeuronsOnlineAsync("a", "b");
        var mark = scenario.Mark();

        await node.KillAsync();

        await scenario.WaitStatusAsync(mark, "a", "offline");
        await scenario.WaitStatusAsync(mark, "b", "offline");
        await using var late = await MqttProbe.ConnectAsync(fixture.Broker.Url, scenario.Topic("b", "status"));
        var retained = await late.WaitForAsync(scenario.Topic("b", "status"), timeout: Scenario.Timeout);
        Assert.Equal("offline", MqttProbe.PayloadOf(retained));
    }
}
