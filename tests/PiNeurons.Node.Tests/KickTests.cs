using PiNeurons.Testing;
using System.Text.Json;

namespace PiNeurons.Node.Tests;

/// <summary>docs/protocol.md, <c>&lt;root&gt;/&lt;id&gt;/kick</c>: plain, JSON and empty payloads, seen from MQTT.</summary>
public sealed class KickTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Kick_PlainSourceId_EmitsKickedEventWithFromAndSeq()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("h1");

        // mosquitto_pub -t <root>/h1/kick -m x
        await scenario.PublishAsync("h1", "kick", "x");

        var kicked = await scenario.WaitEventAsync(null, "h1", "kicked");
        Assert.Equal("h1", Scenario.Text(kicked, "id"));
        Assert.Equal("x", Scenario.Text(kicked, "from"));
        Assert.True(kicked.GetProperty("seq").GetInt64() >= 1, kicked.ToString());
        Assert.NotNull(Scenario.Text(kicked, "at"));
    }

    [Fact]
    public async Task Kick_WeightedSourceOverThreshold_FiresAndKicksConnectionWithHopOne()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("h1");
        await scenario.SetAsync("h1", """{"threshold":0.9,"weights":{"x":1},"connections":["z"]}""");
        var mark = scenario.Mark();

        await scenario.PublishAsync("h1", "kick", "x");

        var fired = await scenario.WaitEventAsync(mark, "h1", "fired");
        Assert.Equal("x", Scenario.Text(fired, "from"));
        var downstream = await scenario.WaitForAsync(mark, m => m.Topic == scenario.Topic("z", "kick"), "kick of z");
        Assert.Equal("h1", Scenario.Payload(downstream));
        Assert.Equal("1", Scenario.UserProperty(downstream, "hop"));
    }

    [Fact]
    public async Task Kick_JsonFrom_EmitsKickedEventFromThatSource()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("h1");

        await scenario.PublishAsync("h1", "kick", """{"from":"x"}""");

        var kicked = await scenario.WaitEventAsync(null, "h1", "kicked");
        Assert.Equal("x", Scenario.Text(kicked, "from"));
    }

    [Fact]
    public async Task Kick_EmptyPayload_IsExternalAndFiresDefaultNeuron()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");

        // Default config: threshold 1, and an external kick weighs 1 (docs/protocol.md), so one kick fires it.
        await scenario.PublishAsync("n", "kick", string.Empty);

        var kicked = await scenario.WaitEventAsync(null, "n", "kicked");
        Assert.Equal("external", Scenario.Text(kicked, "from"));
        var fired = await scenario.WaitEventAsync(null, "n", "fired");
        Assert.Equal("external", Scenario.Text(fired, "from"));
        var state = await scenario.QueryAsync("n");
        Assert.Equal(1, state.GetProperty("firedCount").GetInt64());
        Assert.Equal(JsonValueKind.String, state.GetProperty("lastFiredAt").ValueKind);
    }

    [Fact]
    public async Task Kick_UnweightedNeuronSource_KickedButNotFired()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");

        // A missing weight of a neuron source is 0 (docs/protocol.md): seen, never fires.
        await scenario.PublishAsync("n", "kick", "x");
        await scenario.WaitEventAsync(null, "n", "kicked");

        var state = await scenario.QueryAsync("n");
        Assert.Equal(0, state.GetProperty("firedCount").GetInt64());
        Assert.DoesNotContain(scenario.Events(null, "n"), e => Scenario.Text(e, "type") == "fired");
    }

    [Fact]
    public async Task Kick_Several_SeqIncreasesByOnePerEvent()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");

        // Kicks from x (weight 0) emit one kicked event each; an external one adds kicked + fired.
        for (var i = 0; i < 5; i++)
        {
            await scenario.PublishAsync("n", "kick", "x");
        }

        await scenario.PublishAsync("n", "kick", string.Empty);
        await scenario.WaitEventAsync(null, "n", "fired");

        var seqs = scenario.Events(null, "n").Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(7, seqs.Count);
        for (var i = 1; i < seqs.Count; i++)
        {
            Assert.True(seqs[i] == seqs[i - 1] + 1, $"seq must increase by one per event: {string.Join(",", seqs)}");
        }
    }

    [Fact]
    public async Task Kick_IntegrationWindowBursts_EachBurstDecidedAndFires()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        await scenario.SetAsync("n", """{"integrationWindowMs":37,"inputLastingMs":100,"refractoryMs":0,"weights":{"x":1}}""");

        const int bursts = 10;
        for (var i = 1; i <= bursts; i++)
        {
            // One kick opens a 37 ms window; its input lives 100 ms, so the decision must fire within it.
            await scenario.PublishAsync("n", "kick", "x");
            await scenario.WaitEventCountAsync(null, "n", "kicked", i);
            await scenario.WaitQuietAsync(t => t == scenario.Topic("n", "events"), TimeSpan.FromMilliseconds(300));
        }

        Assert.Equal(bursts, scenario.Events(null, "n").Count(e => Scenario.Text(e, "type") == "fired"));
    }
}
