using MQTTnet;
using MQTTnet.Protocol;
using PiNeurons.Node.Tests.Support;
using PiNeurons.Testing;
using Xunit.Abstractions;

namespace PiNeurons.Node.Tests;

/// <summary>
/// docs/protocol.md, "Bad input": 10,000 generated bad payloads at <c>set</c> and <c>kick</c> of a real node.
/// Every one is answered by exactly one <c>error</c> event, none changes the config, the node stays up and
/// its memory bounded.
/// </summary>
public sealed class FuzzTests(BrokerFixture fixture, ITestOutputHelper output) : IClassFixture<BrokerFixture>
{
    private const int Seed = 20261127;
    private const int Count = 10_000;

    /// <summary>Publishes run ahead of the node's answers by at most this many: the broker queues at most
    /// 1000 messages for a subscriber by default and drops the rest, which would look like a missing answer.</summary>
    private const int Window = 400;

    [Fact]
    public async Task SetAndKick_TenThousandBadPayloads_EachAnsweredByOneErrorNothingChanges()
    {
        var payloads = BadPayloads.Generate(Seed, Count);
        // Events go to the counter; the probe sees status, state and query replies only.
        await using var scenario = await Scenario.StartAsync(fixture.Broker, "+/status", "reply/#");
        var node = await scenario.StartNeuronsOnlineAsync("n");
        await using var counter = await EventCounter.StartAsync(fixture.Broker.Url, scenario.Topic("n", "events"));
        var set = await QuerySetAsync(scenario, """{"threshold":0.5,"weights":{"x":1},"connections":["z"]}""");
        await counter.WaitForCountAsync("config", 1, Scenario.Timeout);
        var before = await scenario.QueryAsync("n");
        var mark = scenario.Mark();
        var rssBefore = ProcessMemory.Resident(node.ProcessId);

        var pending = new List<Task>();
        for (var i = 0; i < payloads.Count; i++)
        {
            if (i - counter.Count("error") >= Window)
            {
                // Flow control on the node's answers; a stalled node fails here with what it answered.
                await WithNodeOutputAsync(counter.WaitForCountAsync("error", i - (Window / 2), Scenario.Timeout), scenario);
            }

            pending.Add(PublishAsync(scenario, payloads[i]));
            if (pending.Count >= 50)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
        await WithNodeOutputAsync(counter.WaitForCountAsync("error", Count, Scenario.Timeout), scenario);

        var after = await scenario.QueryAsync("n");
        var peak = ProcessMemory.Peak(node.ProcessId);
        output.WriteLine($"{Count} bad payloads ({string.Join(", ", payloads.GroupBy(p => p.Command + "/" + p.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))})");
        output.WriteLine($"events: {counter.Describe()}; node memory {ProcessMemory.Describe(rssBefore)} before, peak {ProcessMemory.Describe(peak)}");

        Assert.Equal(Count, counter.Count("error"));
        Assert.True(counter.Count("kicked") + counter.Count("fired") + counter.Count("config") == 1, counter.Describe());
        Assert.Equal(before.GetProperty("config").GetRawText(), after.GetProperty("config").GetRawText());
        Assert.Equal(set.GetProperty("config").GetRawText(), after.GetProperty("config").GetRawText());
        Assert.Equal(before.GetProperty("firedCount").GetInt64(), after.GetProperty("firedCount").GetInt64());
        Assert.Equal(0, after.GetProperty("potential").GetDouble());
        Assert.True(node.IsRunning, node.Describe());
        Assert.DoesNotContain(scenario.Messages(mark, scenario.Topic("n", "status")), m => Scenario.Payload(m) == "offline");
        // A resource bound, not a timing threshold: bad input must not accumulate in the node.
        Assert.InRange(peak, 0, ProcessMemory.BoundBytes);
    }

    private static async Task WithNodeOutputAsync(Task wait, Scenario scenario)
    {
        try
        {
            await wait;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{scenario.DescribeNodes()}", ex);
        }
    }

    // The set's reply on a response topic: the probe does not see n's events.
    private static async Task<System.Text.Json.JsonElement> QuerySetAsync(Scenario scenario, string patch)
    {
        var responseTopic = $"{scenario.Root}/reply/{Guid.NewGuid():N}";
        await scenario.PublishAsync("n", "set", patch, b => b.WithResponseTopic(responseTopic));
        var reply = await scenario.WaitForAsync(null, m => m.Topic == responseTopic, "the set's reply");
        return Scenario.Json(reply)!.Value;
    }

    private static Task PublishAsync(Scenario scenario, BadPayload payload)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(scenario.Topic("n", payload.Command))
            .WithPayload(payload.Payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (payload.HopProperty is { } hop)
        {
            builder.WithUserProperty("hop", System.Text.Encoding.UTF8.GetBytes(hop).AsMemory());
        }

        return scenario.Probe.Client.PublishAsync(builder.Build(), CancellationToken.None);
    }
}
