using System.Globalization;
using System.Text.Json;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>
/// "Nothing acknowledged is lost" (docs/node.md): a <c>set</c> answered by its <c>config</c> event survives kill -9
/// at any point; the files on disk are never torn; a corrupt file costs its own generation only and is reported.
/// </summary>
public sealed class DurabilityTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private const int Cycles = 20;
    private const int SetsPerCycle = 8;

    [Fact]
    public async Task SetThenKillNine_TwentyCyclesAtRandomPoints_EveryAcknowledgedSetSurvivesNoFileTorn()
    {
        var random = new Random(6);
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        var node = await scenario.StartNeuronsOnlineAsync("n");
        var acknowledged = new List<string>();
        var sent = 0;
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            // Each set adds a weight of its own, so every acknowledged one can be checked after the crash.
            var mark = scenario.Mark();
            var batch = new List<string>();
            for (var i = 0; i < SetsPerCycle; i++)
            {
                var key = "w" + (sent++).ToString(CultureInfo.InvariantCulture);
                batch.Add(key);
                await scenario.PublishAsync("n", "set", "{\"weights\":{\"" + key + "\":1}}");
            }

            // Kill right after a random acknowledgement, while the later sets are in flight or being written.
            var killAfter = random.Next(1, SetsPerCycle + 1);
            await scenario.WaitEventCountAsync(mark, "n", "config", killAfter);
            await node.KillAsync();
            var configEvents = scenario.Events(mark, "n").Count(e => Scenario.Text(e, "type") == "config");
            // Sets are handled in the order sent, so the first configEvents of the batch were acknowledged.
            acknowledged.AddRange(batch.Take(configEvents));
            AssertNoTornFile(node.StateDir, "n");

            mark = scenario.Mark();
            node.Restart();
            await scenario.WaitOnlineAsync(mark, "n");
            var weights = (await scenario.QueryAsync("n")).GetProperty("config").GetProperty("weights");
            var missing = acknowledged.Where(k => !weights.TryGetProperty(k, out _)).ToList();
            Assert.True(missing.Count == 0, $"cycle {cycle}: acknowledged sets lost after kill -9: {string.Join(", ", missing)}; weights {weights}");
            // Nothing was corrupt, so nothing is reported.
            Assert.DoesNotContain(scenario.Events(mark, "n"), e => Scenario.Text(e, "type") == "error");
        }
    }

    [Fact]
    public async Task CorruptConfigFile_Restart_StartsFromTheLastGoodCopyAndSaysSo()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        var node = await scenario.StartNeuronsOnlineAsync("n");
        await scenario.SetAsync("n", """{"weights":{"x":0.25}}""");
        await scenario.SetAsync("n", """{"weights":{"x":0.5}}""");
        await node.StopAsync();
        // What a failing card or a hand edit can leave: the current file is empty.
        await File.WriteAllBytesAsync(Path.Combine(node.StateDir, "n.json"), []);

        var mark = scenario.Mark();
        node.Restart();
        await scenario.WaitOnlineAsync(mark, "n");

        var error = await scenario.WaitEventAsync(mark, "n", "error");
        Assert.Contains("last good copy", Scenario.Text(error, "reason"), StringComparison.Ordinal);
        var state = await scenario.QueryAsync("n");
        Assert.Equal(0.25, state.GetProperty("config").GetProperty("weights").GetProperty("x").GetDouble());
        Assert.True(node.IsRunning, node.Describe());
    }

    // Once a set was acknowledged the current file exists at every instant and is complete JSON with a
    // config; the last good copy, when there is one, is complete too.
    private static void AssertNoTornFile(string stateDir, string id)
    {
        var current = Path.Combine(stateDir, id + ".json");
        Assert.True(File.Exists(current), $"{current} is missing after kill -9");
        foreach (var path in new[] { current, Path.Combine(stateDir, id + ".json.bak") })
        {
            if (!File.Exists(path))
            {
                continue;
            }

            var text = File.ReadAllText(path);
            try
            {
                using var doc = JsonDocument.Parse(text);
                Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("config").GetProperty("weights").ValueKind);
            }
            catch (JsonException ex)
            {
                Assert.Fail($"{path} is torn after kill -9: {ex.Message}\n{text}");
            }
        }
    }
}
