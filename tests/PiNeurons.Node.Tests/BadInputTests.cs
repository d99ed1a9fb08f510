using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>docs/protocol.md: bad input changes nothing, is answered with an error event, and never stops the neuron.</summary>
public sealed class BadInputTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    /// <summary>Stands for a payload too big for InlineData.</summary>
    private const string OneMegabyte = "<1 MB>";

    [Theory]
    [InlineData("kick", """{"from":"x" """)]
    [InlineData("kick", "a/b")]
    [InlineData("kick", "x y")]
    [InlineData("kick", """{"from":"x","weight":5}""")]
    [InlineData("kick", """{"from":"a/b"}""")]
    [InlineData("kick", OneMegabyte)]
    [InlineData("set", OneMegabyte)]
    [InlineData("set", "not json")]
    [InlineData("query", """{"include":["everything"]}""")]
    public async Task Command_BadPayload_ErrorEventStateUnchangedStillOnline(string command, string payload)
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        await scenario.SetAsync("n", """{"threshold":0.5,"weights":{"x":1}}""");
        var before = await scenario.QueryAsync("n");
        var mark = scenario.Mark();

        await scenario.PublishAsync("n", command, payload == OneMegabyte ? new string('x', 1024 * 1024) : payload);

        var error = await scenario.WaitEventAsync(mark, "n", "error");
        Assert.False(string.IsNullOrWhiteSpace(Scenario.Text(error, "reason")), error.ToString());
        Assert.DoesNotContain(scenario.Events(mark, "n"), e => Scenario.Text(e, "type") is "kicked" or "fired" or "config");
        var after = await scenario.QueryAsync("n");
        Assert.Equal(before.GetProperty("config").GetRawText(), after.GetProperty("config").GetRawText());
        Assert.Equal(before.GetProperty("firedCount").GetInt64(), after.GetProperty("firedCount").GetInt64());
        Assert.Equal(0, after.GetProperty("potential").GetDouble());
        Assert.Empty(scenario.Messages(mark, scenario.Topic("n", "status")));
    }

    [Fact]
    public async Task Kick_BadPayloadThenGoodKick_GoodKickStillFires()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        await scenario.SetAsync("n", """{"threshold":0.5,"weights":{"x":1}}""");
        var mark = scenario.Mark();

        await scenario.PublishAsync("n", "kick", "{{{");
        await scenario.PublishAsync("n", "kick", "x");

        await scenario.WaitEventAsync(mark, "n", "error");
        var fired = await scenario.WaitEventAsync(mark, "n", "fired");
        Assert.Equal("x", Scenario.Text(fired, "from"));
    }
}
