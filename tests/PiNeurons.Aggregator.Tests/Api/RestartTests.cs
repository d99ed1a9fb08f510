using System.Net;
using System.Text.Json;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Api;

public sealed class RestartTests
{
    private const int Neurons = 5;
    private const int EventsPerNeuron = 2_000;

    [Fact]
    public async Task EventsPublishedAcrossAnAggregatorRestart_AreAllStoredExactlyOnce_WithNoGap()
    {
        // The broker must be able to queue the outage: Mosquitto's default of 1000 queued messages
        // per offline session would silently drop the rest (deploy/ sizes it for production).
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { ExtraConfig = ["max_queued_messages 20000"] });
        var root = "restart" + Guid.NewGuid().ToString("N")[..8];
        var stateDir = Directory.CreateTempSubdirectory("pineurons-restart-").FullName;
        var first = new AggregatorFactory(broker, root, stateDir);
        using (var http = first.CreateClient())
        {
            await ApiTests.WaitHealthyAsync(first, http);
        }

        await using var probe = await MqttProbe.ConnectAsync(broker.Url);
        var neurons = new ProtocolPublisher(probe, root);
        var published = 0;
        async Task PublishUpToAsync(int total)
        {
            for (; published < total; published++)
            {
                var neuron = $"n{published % Neurons}";
                await neurons.EventAsync(neuron, (published / Neurons) + 1, published % 3 == 0 ? "fired" : "kicked");
            }
        }

        await PublishUpToAsync(3_000);
        await first.DisposeAsync(); // stopped while events keep coming
        await PublishUpToAsync(7_000);
        await using var second = new AggregatorFactory(broker, root, stateDir);
        using var http2 = second.CreateClient();
        await PublishUpToAsync(Neurons * EventsPerNeuron);

        var all = await Eventually.MatchAsync(
            second,
            async () => JsonDocument.Parse(await http2.GetStringAsync("/api/neurons")).RootElement.Clone(),
            j => j.GetArrayLength() == Neurons && j.EnumerateArray().All(n =>
                n.GetProperty("counters").ValueKind == JsonValueKind.Object && n.GetProperty("counters").GetProperty("events").GetInt64() >= EventsPerNeuron),
            "every neuron's events stored",
            TimeSpan.FromSeconds(60));

        Assert.All(all.EnumerateArray(), n =>
        {
            var counters = n.GetProperty("counters");
            Assert.Equal(EventsPerNeuron, counters.GetProperty("events").GetInt64());
            Assert.Equal(EventsPerNeuron, counters.GetProperty("lastSeq").GetInt64());
            Assert.Equal(0, counters.GetProperty("missingSeqs").GetInt64());
        });
        var stored = new HashSet<(string, long)>();
        var url = "/api/events?limit=1000";
        while (true)
        {
            var page = JsonDocument.Parse(await http2.GetStringAsync(url)).RootElement;
            foreach (var e in page.GetProperty("events").EnumerateArray())
            {
                Assert.True(stored.Add((e.GetProperty("neuron").GetString()!, e.GetProperty("seq").GetInt64())), "an event stored twice");
            }

            if (page.GetProperty("next").GetString() is not { } next)
            {
                break;
            }

            url = next;
        }

        Assert.Equal(Neurons * EventsPerNeuron, stored.Count);
        Assert.Contains("pineurons_aggregator_seq_gaps_total 0", await http2.GetStringAsync("/metrics"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http2.GetAsync("/healthz")).StatusCode);
    }
}
