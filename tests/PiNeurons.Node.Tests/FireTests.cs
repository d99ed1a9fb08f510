using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>docs/protocol.md, <c>&lt;root&gt;/&lt;id&gt;/fire</c>: the seed's forced firing.</summary>
public sealed class FireTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Fire_AnyPayload_FiredEventFromFireAndConnectionsKicked()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        await scenario.SetAsync("n", """{"threshold":100,"connections":["a","b"]}""");
        var mark = scenario.Mark();

        // Fires whatever the inputs and threshold (100 here).
        await scenario.PublishAsync("n", "fire", "ignored");

        var fired = await scenario.WaitEventAsync(mark, "n", "fired");
        Assert.Equal("fire", Scenario.Text(fired, "from"));
        var a = await scenario.WaitForAsync(mark, m => m.Topic == scenario.Topic("a", "kick"), "kick of a");
        var b = await scenario.WaitForAsync(mark, m => m.Topic == scenario.Topic("b", "kick"), "kick of b");
        Assert.Equal("n", Scenario.Payload(a));
        Assert.Equal("n", Scenario.Payload(b));
        Assert.Equal("1", Scenario.UserProperty(a, "hop"));
    }

    [Fact]
    public async Task Fire_TwiceWithinRefractory_FiresBothTimes()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        await scenario.SetAsync("n", """{"refractoryMs":60000}""");

        // `fire` ignores the refractory period (docs/protocol.md).
        await scenario.PublishAsync("n", "fire", string.Empty);
        await scenario.PublishAsync("n", "fire", string.Empty);

        await scenario.WaitEventCountAsync(null, "n", "fired", 2);
        var state = await scenario.QueryAsync("n");
        Assert.Equal(2, state.GetProperty("firedCount").GetInt64());
        Assert.Equal(1, state.GetProperty("output").GetInt32());
    }

    [Fact]
    public async Task Fire_WithAResponseTopic_TheFiredEventIsTheReply()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        var mark = scenario.Mark();
        byte[] correlation = [1, 2, 3];

        var (reply, _) = await scenario.RequestAsync("n", "fire", string.Empty, correlation);

        var fired = await scenario.WaitEventAsync(mark, "n", "fired");
        Assert.Equal(correlation, reply.CorrelationData);
        Assert.Equal(fired.GetRawText(), Scenario.Json(reply)!.Value.GetRawText());
        Assert.Equal("fire", Scenario.Text(fired, "from"));
    }

    [Fact]
    public async Task Fire_WithAResponseTopicOverTheCap_TheRefractoryEventIsTheReply()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        await scenario.SetAsync("n", """{"maxFiresPerSecond":1}""");

        // Two fires in one second meet the cap; a slow machine may let a second pass between two requests, so
        // the pair is tried a few times, and only replies are looked at.
        var replies = new List<string?>();
        for (var attempt = 0; attempt < 5 && !replies.Contains("refractory"); attempt++)
        {
            for (var i = 0; i < 2; i++)
            {
                var (reply, _) = await scenario.RequestAsync("n", "fire", string.Empty, [9]);
                var json = Scenario.Json(reply)!.Value;
                replies.Add(Scenario.Text(json, "type"));
                if (Scenario.Text(json, "type") == "refractory")
                {
                    Assert.Equal("maxFiresPerSecond 1 reached", Scenario.Text(json, "reason"));
                }
            }
        }

        Assert.Contains("refractory", replies);
    }
}
