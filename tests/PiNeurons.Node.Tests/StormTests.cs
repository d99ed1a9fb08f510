using System.Text.Json;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>
/// docs/protocol.md, <c>hop</c> and <c>maxHops</c>: a loop started by one kick dies out instead of flooding the
/// broker. With <c>refractoryMs</c> 0 nothing but the hop limit can stop these loops.
/// </summary>
public sealed class StormTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private const int MaxHops = 10;

    [Fact]
    public async Task SelfLoop_OneExternalKick_StopsAtMaxHopsWithAnError()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("a");
        await scenario.SetAsync("a", Loop("a", "a"));

        await AssertLoopDiesOutAsync(scenario, "a", ["a"]);
    }

    [Fact]
    public async Task ThreeNeuronCycle_OneExternalKick_StopsAtMaxHopsWithAnError()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Broker);
        await scenario.StartNeuronsOnlineAsync("a", "b", "c");
        await scenario.SetAsync("a", Loop("c", "b"));
        await scenario.SetAsync("b", Loop("a", "c"));
        await scenario.SetAsync("c", Loop("b", "a"));

        await AssertLoopDiesOutAsync(scenario, "a", ["a", "b", "c"]);
    }

    /// <summary>Fires on one kick from <paramref name="from"/> (or an external one) and kicks <paramref name="to"/>.</summary>
    private static string Loop(string from, string to) =>
        $$"""{"connections":["{{to}}"],"weights":{"{{from}}":1},"threshold":0.9,"refractoryMs":0,"maxHops":{{MaxHops}}}""";

    private static async Task AssertLoopDiesOutAsync(Scenario scenario, string start, string[] ids)
    {
        var mark = scenario.Mark();
        await scenario.PublishAsync(start, "kick", string.Empty);

        // The kick that crosses the limit is dropped with an error event.
        var error = await scenario.WaitForAsync(
            mark,
            m => ids.Any(id => m.Topic == scenario.Topic(id, "events")) && Scenario.Json(m) is { } e && Scenario.Text(e, "type") == "error",
            "the hop limit's error event");
        // A settle condition, bounded by Scenario.Timeout: a loop still running would never go quiet.
        await scenario.WaitQuietAsync(t => t.EndsWith("/events", StringComparison.Ordinal), TimeSpan.FromSeconds(1));

        var events = ids.SelectMany(id => scenario.Events(mark, id).Select(e => (Id: id, Event: e))).ToList();
        var fired = events.Where(e => Scenario.Text(e.Event, "type") == "fired").Select(e => e.Event).ToList();
        var kicked = events.Where(e => Scenario.Text(e.Event, "type") == "kicked").Select(e => e.Event).ToList();
        var errors = events.Where(e => Scenario.Text(e.Event, "type") == "error").Select(e => e.Event).ToList();
        var describe = string.Join("\n", events.Select(e => e.Event.GetRawText()));

        // Generations are the kicks' hops 0..maxHops: a kick of hop h makes a firing whose downstream
        // kicks (and whose fired event) carry h + 1, so the last accepted generation fires with maxHops + 1.
        Assert.All(kicked, k => Assert.InRange(Hop(k), 0, MaxHops));
        Assert.All(fired, f => Assert.InRange(Hop(f) - 1, 0, MaxHops));
        Assert.Equal(MaxHops + 1, fired.Count);
        Assert.Equal(MaxHops + 1, fired.Max(Hop));
        var hopError = Assert.Single(errors);
        Assert.Equal(Scenario.Json(error)!.Value.GetRawText(), hopError.GetRawText());
        Assert.Contains("maxHops", Scenario.Text(hopError, "reason"), StringComparison.Ordinal);
        Assert.Equal(MaxHops + 1, Hop(hopError));

        // The marker: every neuron answers a query, and its firedCount is exactly what the events showed,
        // so no firing happened unseen and none arrived after the quiet.
        var firedCounts = 0L;
        foreach (var id in ids)
        {
            var state = await scenario.QueryAsync(id);
            firedCounts += state.GetProperty("firedCount").GetInt64();
        }

        Assert.True(fired.Count == firedCounts, $"firedCount {firedCounts} vs {fired.Count} fired events:\n{describe}");
        Assert.Equal(fired.Count, ids.Sum(id => scenario.Events(mark, id).Count(e => Scenario.Text(e, "type") == "fired")));
    }

    private static int Hop(JsonElement e) => e.TryGetProperty("hop", out var hop) ? hop.GetInt32() : 0;
}
