using PiNeurons.Testing;
using PiNeurons.Node.Tests.Support;

namespace PiNeurons.Node.Tests;

/// <summary>A <c>set</c> is persisted before its config event (it survives kill -9), unless the manifest changed since.</summary>
public sealed class PersistenceTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Set_KillNineAndRestart_WeightKept()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        var node = await scenario.StartNeuronsOnlineAsync("n");
        await scenario.SetAsync("n", """{"weights":{"x":0.25}}""");

        await node.KillAsync();
        var mark = scenario.Mark();
        node.Restart();
        await scenario.WaitOnlineAsync(mark, "n");

        // The state republished after (re)connect is retained: a fresh node shows the kept weight there too.
        await scenario.WaitForAsync(mark, m => m.Topic == scenario.Topic("n", "state") && WeightX(m) == 0.25, "state with weights.x = 0.25");
        var state = await scenario.QueryAsync("n");
        Assert.Equal(0.25, state.GetProperty("config").GetProperty("weights").GetProperty("x").GetDouble());
    }

    [Fact]
    public async Task Set_ManifestChangedBeforeRestart_ManifestWins()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        using var manifest = new TempManifest("n", "threshold: 1.5", "refractoryMs: 50");
        var mark = scenario.Mark();
        var node = scenario.StartNode("--manifest", manifest.Path, "--node", TempManifest.Host, "--gpio", "simulated");
        await scenario.WaitOnlineAsync(mark, "n");
        await scenario.SetAsync("n", """{"threshold":0.5}""");
        Assert.Equal(0.5, (await scenario.QueryAsync("n")).GetProperty("config").GetProperty("threshold").GetDouble());

        await node.KillAsync();
        manifest.Write("n", "threshold: 2.5", "refractoryMs: 50");
        mark = scenario.Mark();
        node.Restart();
        await scenario.WaitOnlineAsync(mark, "n");

        var state = await scenario.QueryAsync("n");
        Assert.Equal(2.5, state.GetProperty("config").GetProperty("threshold").GetDouble());
    }

    [Fact]
    public async Task Set_ManifestUnchangedRestart_PersistedConfigWins()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        using var manifest = new TempManifest("n", "threshold: 1.5", "refractoryMs: 50");
        var mark = scenario.Mark();
        var node = scenario.StartNode("--manifest", manifest.Path, "--node", TempManifest.Host, "--gpio", "simulated");
        await scenario.WaitOnlineAsync(mark, "n");
        await scenario.SetAsync("n", """{"threshold":0.5}""");

        await node.StopAsync();
        mark = scenario.Mark();
        node.Restart();
        await scenario.WaitOnlineAsync(mark, "n");

        var state = await scenario.QueryAsync("n");
        Assert.Equal(0.5, state.GetProperty("config").GetProperty("threshold").GetDouble());
    }

    private static double? WeightX(MQTTnet.MqttApplicationMessage message) =>
        Scenario.Json(message) is { } state
        && state.TryGetProperty("config", out var config)
        && config.TryGetProperty("weights", out var weights)
        && weights.TryGetProperty("x", out var x)
            ? x.GetDouble()
            : null;
}
