using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using PiNeurons.Aggregator.Storage;
using PiNeurons.Aggregator.Tests.Api;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Ingest;

/// <summary>
/// The writer's side of the event store seam: a batch the store does not commit is not acknowledged (no
/// PUBACK), so the broker keeps it for the aggregator's session and delivers it again, and it is stored then.
/// </summary>
public sealed class StoreFailureTests
{
    private const int Events = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task StoreFailsMidBatch_NothingOfItAcknowledged_TheBrokerDeliversItAgainAndTheNextAggregatorStoresEachOnce()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var root = "fail" + Guid.NewGuid().ToString("N")[..8];
        var stateDir = Directory.CreateTempSubdirectory("pineurons-store-failure-").FullName;
        // Completed at the writer's second try: by then it has handled the first failure, so the health check says so.
        var retried = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tries = 0;
        var store = new Mock<IEventStore>();
        store.SetupGet(s => s.Kind).Returns("sqlite");
        // Empty, for the live tail that reads it at start.
        store.Setup(s => s.ReadCountersAsync(It.IsAny<CancellationToken>())).ReturnsAsync([]);
        store.Setup(s => s.ReadAfterAsync(It.IsAny<long>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        // A transaction that fails part-way is rolled back: nothing of the batch is stored.
        store.Setup(s => s.AppendAsync(It.IsAny<IReadOnlyList<IncomingEvent>>(), It.IsAny<CancellationToken>()))
            .Callback(() =>
            {
                if (Interlocked.Increment(ref tries) >= 2)
                {
                    retried.TrySetResult();
                }
            })
            .ThrowsAsync(new IOException("disk I/O error"));

        await using (var failing = new AggregatorFactory(broker, root, stateDir, services: s => s.AddSingleton(store.Object)))
        {
            using var http = failing.CreateClient();
            await ApiTests.WaitHealthyAsync(failing, http);
            await using var probe = await MqttProbe.ConnectAsync(broker.Url);
            var neurons = new ProtocolPublisher(probe, root);
            for (var seq = 1; seq <= Events; seq++)
            {
                await neurons.EventAsync("n1", seq, "kicked");
            }

            await retried.Task.WaitAsync(Timeout);
            using var health = await http.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("sqlite failing", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Same client id, so the same persistent session: what the first one never acknowledged comes again.
        await using var healthy = new AggregatorFactory(broker, root, stateDir);
        using var http2 = healthy.CreateClient();
        var stored = await Eventually.MatchAsync(
            healthy,
            async () => JsonDocument.Parse(await http2.GetStringAsync("/api/events?limit=100")).RootElement.Clone(),
            page => Seqs(page).Count >= Events,
            "the events the failing store refused, stored by the next aggregator",
            Timeout);

        Assert.Equal([1, 2, 3], Seqs(stored));
    }

    private static List<long> Seqs(JsonElement page) =>
        [.. page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).Order()];
}
