using System.Text.Json;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>docs/protocol.md, <c>&lt;root&gt;/&lt;id&gt;/query</c>: state on the state topic, or as an MQTT 5 reply.</summary>
public sealed class QueryTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Query_WithoutResponseTopic_PublishesRetainedState()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        var mark = scenario.Mark();

        await scenario.PublishAsync("n", "query", string.Empty);

        var state = await scenario.WaitForAsync(mark, m => m.Topic == scenario.Topic("n", "state"), "state of n");
        Assert.Equal("n", Scenario.Text(Scenario.Json(state)!.Value, "id"));
        await using var late = await MqttProbe.ConnectAsync(fixture.Broker.Url, scenario.Topic("n", "state"));
        var retained = await late.WaitForAsync(scenario.Topic("n", "state"), timeout: Scenario.Timeout);
        Assert.True(retained.Retain, "the state must be retained");
    }

    [Fact]
    public async Task Query_WithResponseTopic_ReplyCarriesCorrelationDataAndFullState()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        byte[] correlation = [1, 2, 3, 42];

        var (reply, responseTopic) = await scenario.QueryWithReplyAsync("n", string.Empty, correlation);

        Assert.Equal(responseTopic, reply.Topic);
        Assert.Equal(correlation, reply.CorrelationData);
        var state = Scenario.Json(reply)!.Value;
        Assert.Equal("n", Scenario.Text(state, "id"));
        Assert.Equal(0, state.GetProperty("output").GetInt32());
        Assert.Equal(0, state.GetProperty("potential").GetDouble());
        Assert.Equal(0, state.GetProperty("firedCount").GetInt64());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("lastFiredAt").ValueKind);
        var config = state.GetProperty("config");
        // The defaults of docs/protocol.md's neuron model; every field is present.
        Assert.Equal(1, config.GetProperty("threshold").GetDouble());
        Assert.Equal(JsonValueKind.Object, config.GetProperty("weights").ValueKind);
        Assert.Equal(JsonValueKind.Array, config.GetProperty("connections").ValueKind);
        Assert.Equal(100, config.GetProperty("refractoryMs").GetInt32());
        Assert.Equal(500, config.GetProperty("inputLastingMs").GetInt32());
        Assert.Equal(0, config.GetProperty("integrationWindowMs").GetInt32());
        Assert.Equal(64, config.GetProperty("maxHops").GetInt32());
        Assert.Equal(1000, config.GetProperty("maxFiresPerSecond").GetInt32());
        Assert.False(state.TryGetProperty("log", out _), "no log unless asked for");
        // A reply goes to the response topic only, not to the retained state topic as well.
        Assert.NotEqual(scenario.Topic("n", "state"), reply.Topic);
    }

    [Fact]
    public async Task Query_IncludeLog_ReplyCarriesRecentEvents()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        await scenario.SetAsync("n", """{"threshold":5}""");
        await scenario.PublishAsync("n", "kick", "x");
        await scenario.WaitEventAsync(null, "n", "kicked");

        var state = await scenario.QueryAsync("n", """{"include":["log"]}""");

        var log = state.GetProperty("log");
        Assert.Equal(JsonValueKind.Array, log.ValueKind);
        var types = log.EnumerateArray().Select(e => Scenario.Text(e, "type")).ToList();
        Assert.Contains("config", types);
        Assert.Contains("kicked", types);
        Assert.Contains(log.EnumerateArray(), e => Scenario.Text(e, "type") == "kicked" && Scenario.Text(e, "from") == "x");
    }
}
