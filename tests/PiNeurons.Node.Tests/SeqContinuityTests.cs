using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>A neuron's history stays one history across restarts: <c>seq</c> and <c>firedCount</c> carry on.</summary>
public sealed class SeqContinuityTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Restart_AfterCleanStop_SeqContinuesWithoutAGapAndFiredCountIsKept()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        var node = await scenario.StartNeuronsOnlineAsync("n");
        // No refractory period: a node restarts within the default 100 ms of its last firing (the NativeAOT
        // build does), and the kick after the restart must fire. The set is kept across the restart too.
        await scenario.SetAsync("n", """{"refractoryMs":0}""");
        var mark = scenario.Mark();
        await scenario.PublishAsync("n", "kick", string.Empty);
        var fired = await scenario.WaitEventAsync(mark, "n", "fired");
        var lastSeq = fired.GetProperty("seq").GetInt64();

        await node.StopAsync();
        mark = scenario.Mark();
        node.Restart();
        await scenario.WaitOnlineAsync(mark, "n");
        await scenario.PublishAsync("n", "kick", string.Empty);

        var kicked = await scenario.WaitEventAsync(mark, "n", "kicked");
        Assert.Equal(lastSeq + 1, kicked.GetProperty("seq").GetInt64());
        // The kicked event goes out before the neuron decides: the count is asked for once it has fired.
        var firedAgain = await scenario.WaitEventAsync(mark, "n", "fired");
        Assert.Equal(lastSeq + 2, firedAgain.GetProperty("seq").GetInt64());
        var state = await scenario.QueryAsync("n");
        Assert.Equal(2, state.GetProperty("firedCount").GetInt64());
    }

    [Fact]
    public async Task Restart_AfterKillNine_SeqJumpsForwardNeverBack()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        var node = await scenario.StartNeuronsOnlineAsync("n");
        var mark = scenario.Mark();
        await scenario.PublishAsync("n", "kick", string.Empty);
        var fired = await scenario.WaitEventAsync(mark, "n", "fired");
        var lastSeq = fired.GetProperty("seq").GetInt64();

        await node.KillAsync();
        mark = scenario.Mark();
        node.Restart();
        await scenario.WaitOnlineAsync(mark, "n");
        await scenario.PublishAsync("n", "kick", string.Empty);

        // Events that may have been lost in the crash show up to consumers as a gap, never as a repeated seq.
        var kicked = await scenario.WaitEventAsync(mark, "n", "kicked");
        Assert.True(kicked.GetProperty("seq").GetInt64() > lastSeq, $"seq {kicked.GetProperty("seq")} after {lastSeq}");
    }
}
