using System.Text.Json;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>docs/protocol.md, <c>&lt;root&gt;/&lt;id&gt;/teach</c> and the <c>learned</c> event: a neuron that learns over MQTT
/// keeps what it learned like a <c>set</c>.</summary>
public sealed class TeachTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private const string Perceptron = """{"threshold":2,"weights":{"x":0.5},"learning":{"rule":"perceptron","rate":0.25}}""";

    [Fact]
    public async Task Teach_AfterADecisionNotToFire_LearnedEventsAndStateAgree()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        var mark = await DecideOnAKickFromXAsync(scenario);

        var (reply, _) = await scenario.RequestAsync("n", "teach", """{"target":1}""", [7]);

        var weight = await scenario.WaitEventAsync(mark, "n", "learned", e => Scenario.Text(e, "field") == "weight");
        var threshold = await scenario.WaitEventAsync(mark, "n", "learned", e => Scenario.Text(e, "field") == "threshold");
        Assert.Equal(("x", "perceptron", 0.5, 0.75), (Scenario.Text(weight, "from"), Scenario.Text(weight, "rule"), Number(weight, "old"), Number(weight, "new")));
        Assert.Equal("teach: target 1, output 0", Scenario.Text(weight, "reason"));
        Assert.Equal((2.0, 1.75), (Number(threshold, "old"), Number(threshold, "new")));
        var config = Scenario.Json(reply)!.Value.GetProperty("config");
        Assert.Equal(0.75, config.GetProperty("weights").GetProperty("x").GetDouble());
        Assert.Equal(1.75, config.GetProperty("threshold").GetDouble());
        var retained = await scenario.WaitForAsync(mark, m => m.Topic == scenario.Topic("n", "state")
            && Scenario.Json(m)?.GetProperty("config").GetProperty("threshold").GetDouble() == 1.75, "retained state with the taught threshold");
        Assert.Equal(0.75, Scenario.Json(retained)!.Value.GetProperty("config").GetProperty("weights").GetProperty("x").GetDouble());
    }

    [Fact]
    public async Task Teach_WhileTheNeuronIsStillDeciding_WaitsForThatDecisionAndTeachesIt()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        await scenario.SetAsync("n", """{"threshold":2,"weights":{"x":0.5},"integrationWindowMs":400,"learning":{"rule":"perceptron","rate":0.25}}""");
        var mark = scenario.Mark();

        // The teach follows the kick at once: the window is open, whichever way the two race, and the teach is about it.
        await scenario.PublishAsync("n", "kick", "x");
        var (reply, _) = await scenario.RequestAsync("n", "teach", "1", [3]);

        var decided = await scenario.WaitEventAsync(mark, "n", "decided");
        var learned = await scenario.WaitEventAsync(mark, "n", "learned", e => Scenario.Text(e, "field") == "weight");
        Assert.True(decided.GetProperty("seq").GetInt64() < learned.GetProperty("seq").GetInt64(), "taught after the decision");
        Assert.Equal(0.75, Scenario.Json(reply)!.Value.GetProperty("config").GetProperty("weights").GetProperty("x").GetDouble());
    }

    [Fact]
    public async Task Teach_KillNineAndRestart_LearnedWeightsKept()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        var node = await scenario.StartNeuronsOnlineAsync("n");
        var mark = await DecideOnAKickFromXAsync(scenario);
        await scenario.PublishAsync("n", "teach", "1");
        await scenario.WaitEventAsync(mark, "n", "learned", e => Scenario.Text(e, "field") == "threshold");

        await node.KillAsync();
        mark = scenario.Mark();
        node.Restart();
        await scenario.WaitOnlineAsync(mark, "n");

        var config = (await scenario.QueryAsync("n")).GetProperty("config");
        Assert.Equal(0.75, config.GetProperty("weights").GetProperty("x").GetDouble());
        Assert.Equal(1.75, config.GetProperty("threshold").GetDouble());
        Assert.Equal("perceptron", config.GetProperty("learning").GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Teach_NeuronWithoutARule_TheReplyIsAnErrorSayingWhy()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        var mark = scenario.Mark();

        var (reply, _) = await scenario.RequestAsync("n", "teach", """{"target":0}""", [1]);

        var error = await scenario.WaitEventAsync(mark, "n", "error");
        Assert.Equal(error.GetRawText(), Scenario.Json(reply)!.Value.GetRawText());
        Assert.Equal("teach: learning.rule is none; only a neuron with rule perceptron can be taught", Scenario.Text(error, "reason"));
    }

    [Fact]
    public async Task Teach_BadTarget_ErrorEventAndNothingLearned()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        var mark = await DecideOnAKickFromXAsync(scenario);

        await scenario.PublishAsync("n", "teach", """{"target":2}""");

        var error = await scenario.WaitEventAsync(mark, "n", "error");
        Assert.Equal("teach: target must be 1 or 0 (given once), got 2", Scenario.Text(error, "reason"));
        var config = (await scenario.QueryAsync("n")).GetProperty("config");
        Assert.Equal(0.5, config.GetProperty("weights").GetProperty("x").GetDouble());
        Assert.DoesNotContain(scenario.Events(mark, "n"), e => Scenario.Text(e, "type") == "learned");
    }

    [Fact]
    public async Task Stdp_AKickThatFiresTheNeuron_ItsWeightGrowsByAPlus()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("n");
        await scenario.SetAsync("n", """{"threshold":1,"weights":{"x":1},"learning":{"rule":"stdp","aPlus":0.1,"aMinus":0}}""");
        var mark = scenario.Mark();

        // The kick fires the neuron at the instant it arrives: dt = 0, so the weight gains aPlus exactly.
        await scenario.PublishAsync("n", "kick", "x");

        var learned = await scenario.WaitEventAsync(mark, "n", "learned");
        Assert.Equal(("x", "stdp", 1.0, 1.1), (Scenario.Text(learned, "from"), Scenario.Text(learned, "rule"), Number(learned, "old"), Number(learned, "new")));
        Assert.Equal("stdp: x kicked 0 ms before the firing", Scenario.Text(learned, "reason"));
        var fired = await scenario.WaitEventAsync(mark, "n", "fired");
        Assert.True(fired.GetProperty("seq").GetInt64() < learned.GetProperty("seq").GetInt64(), "the firing is told before what it taught");
        var config = (await scenario.QueryAsync("n")).GetProperty("config");
        Assert.Equal(1.1, config.GetProperty("weights").GetProperty("x").GetDouble());
    }

    // A perceptron neuron (x weighs 0.5 against a threshold of 2) kicked by x: it has decided not to fire.
    private static async Task<Mark> DecideOnAKickFromXAsync(Scenario scenario)
    {
        await scenario.SetAsync("n", Perceptron);
        var mark = scenario.Mark();
        await scenario.PublishAsync("n", "kick", "x");
        await scenario.WaitEventAsync(mark, "n", "kicked");
        return mark;
    }

    private static double Number(JsonElement element, string property) => element.GetProperty(property).GetDouble();
}
