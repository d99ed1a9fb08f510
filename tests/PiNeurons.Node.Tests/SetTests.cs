using System.Text.Json;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>docs/protocol.md, <c>&lt;root&gt;/&lt;id&gt;/set</c>: a JSON merge patch of the config plus two verbs.</summary>
public sealed class SetTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Set_ThresholdAndWeights_ConfigEventAndRetainedStateShowIt()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        var mark = scenario.Mark();

        var config = await scenario.SetAsync("n", """{"threshold":0.9,"weights":{"x":1}}""");

        Assert.Equal("n", Scenario.Text(config, "id"));
        await scenario.WaitForAsync(mark, m => m.Topic == scenario.Topic("n", "state") && ThresholdOf(m) == 0.9, "state with threshold 0.9");
        // A subscriber that comes later gets the new state from the broker's retained store.
        await using var late = await MqttProbe.ConnectAsync(fixture.Broker.Url, scenario.Topic("n", "state"));
        var retained = await late.WaitForAsync(m => m.Retain && ThresholdOf(m) == 0.9, Scenario.Timeout);
        var retainedConfig = Scenario.Json(retained)!.Value.GetProperty("config");
        Assert.Equal(1, retainedConfig.GetProperty("weights").GetProperty("x").GetDouble());
    }

    [Fact]
    public async Task Set_WeightNull_RemovesOnlyThatWeight()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        await scenario.SetAsync("n", """{"weights":{"x":1,"y":2}}""");

        await scenario.SetAsync("n", """{"weights":{"x":null}}""");

        var weights = (await scenario.QueryAsync("n")).GetProperty("config").GetProperty("weights");
        Assert.False(weights.TryGetProperty("x", out _), weights.ToString());
        Assert.Equal(2, weights.GetProperty("y").GetDouble());
    }

    [Fact]
    public async Task Set_AddAndRemoveConnections_ChangesOnlyThoseConnections()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        await scenario.SetAsync("n", """{"connections":["a","b"]}""");

        await scenario.SetAsync("n", """{"addConnections":["c"],"removeConnections":["a"]}""");

        var connections = (await scenario.QueryAsync("n")).GetProperty("config").GetProperty("connections");
        Assert.Equal(["b", "c"], connections.EnumerateArray().Select(c => c.GetString()!).ToArray());
    }

    [Theory]
    [InlineData("""{"thresold":1}""", "thresold")]
    [InlineData("""{"threshold":"0.5"}""", "threshold")]
    [InlineData("""{"connections":["a/b"]}""", "connections")]
    [InlineData("""{"addConnections":["x y"]}""", "addConnections")]
    [InlineData("""{"weights":{"x":"heavy"}}""", "weights.x")]
    public async Task Set_Invalid_ErrorNamingFieldAndStateUnchanged(string patch, string field)
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        await scenario.SetAsync("n", """{"threshold":0.5,"weights":{"x":1},"connections":["z"]}""");
        var before = (await scenario.QueryAsync("n")).GetProperty("config").GetRawText();
        var mark = scenario.Mark();

        await scenario.PublishAsync("n", "set", patch);

        var error = await scenario.WaitEventAsync(mark, "n", "error");
        Assert.Contains(field, Scenario.Text(error, "reason") ?? string.Empty, StringComparison.Ordinal);
        await AssertUnchangedAndOnlineAsync(scenario, mark, before);
    }

    [Theory]
    [InlineData("refractoryMs", "100", 100)]
    [InlineData("refractoryMs", "100.0", 100)]
    [InlineData("inputLastingMs", "2e2", 200)]
    [InlineData("integrationWindowMs", "0.0", 0)]
    [InlineData("maxHops", "1.60E+1", 16)]
    [InlineData("maxFiresPerSecond", "50.000", 50)]
    public async Task Set_WholeNumberFieldInAnyJsonSpelling_AppliedAsThatNumber(string field, string spelling, int expected)
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");

        var config = await scenario.SetAsync("n", $$"""{"{{field}}":{{spelling}}}""");

        Assert.Equal("config", Scenario.Text(config, "type"));
        var applied = (await scenario.QueryAsync("n")).GetProperty("config").GetProperty(field);
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), applied.GetRawText());
    }

    [Theory]
    [InlineData("refractoryMs", "100.5")]
    [InlineData("maxHops", "1e-1")]
    public async Task Set_WholeNumberFieldWithAFraction_ErrorAndStateUnchanged(string field, string value)
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        var before = (await scenario.QueryAsync("n")).GetProperty("config").GetRawText();
        var mark = scenario.Mark();

        await scenario.PublishAsync("n", "set", $$"""{"{{field}}":{{value}}}""");

        var error = await scenario.WaitEventAsync(mark, "n", "error");
        Assert.Equal($"set: {field}: expected a whole number, got {value}", Scenario.Text(error, "reason"));
        await AssertUnchangedAndOnlineAsync(scenario, mark, before);
    }

    [Fact]
    public async Task Set_NaNLiteral_ErrorAndStateUnchanged()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        await scenario.SetAsync("n", """{"threshold":0.5}""");
        var before = (await scenario.QueryAsync("n")).GetProperty("config").GetRawText();
        var mark = scenario.Mark();

        await scenario.PublishAsync("n", "set", """{"threshold":NaN}""");

        await scenario.WaitEventAsync(mark, "n", "error");
        await AssertUnchangedAndOnlineAsync(scenario, mark, before);
    }

    [Fact]
    public async Task Set_NaNLiteral_ErrorReasonNamesTheField()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        var mark = scenario.Mark();

        await scenario.PublishAsync("n", "set", """{"threshold":NaN}""");

        var error = await scenario.WaitEventAsync(mark, "n", "error");
        Assert.Contains("threshold", Scenario.Text(error, "reason") ?? string.Empty, StringComparison.Ordinal);
    }

    private static double? ThresholdOf(MQTTnet.MqttApplicationMessage message) =>
        Scenario.Json(message) is { ValueKind: JsonValueKind.Object } state && state.TryGetProperty("config", out var config)
            ? config.GetProperty("threshold").GetDouble()
            : null;

    /// <summary>The config is what it was, no <c>config</c> event came, the neuron never said offline and still answers a query.</summary>
    internal static async Task AssertUnchangedAndOnlineAsync(Scenario scenario, Mark mark, string configBefore)
    {
        var after = await scenario.QueryAsync("n");
        Assert.Equal(configBefore, after.GetProperty("config").GetRawText());
        Assert.DoesNotContain(scenario.Events(mark, "n"), e => Scenario.Text(e, "type") == "config");
        Assert.Empty(scenario.Messages(mark, scenario.Topic("n", "status")));
    }
}
