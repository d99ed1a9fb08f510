using PiNeurons.Core;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PiNeurons.Aggregator.Live;
using PiNeurons.Cli.Demo;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Bench;

/// <summary>
/// <c>bench ingest</c>: a publisher sends protocol events for several neurons at QoS 1 as fast as the broker
/// acknowledges them, to an aggregator in this process on a fresh SQLite file. Reports events stored per second
/// and the delay from publish to stored (an event counts as stored when the aggregator's live tail has read
/// it back from the committed store).
/// </summary>
internal sealed class IngestBench(TextWriter output, TimeProvider time)
{
    private const string Root = "pineurons-bench";

    // Publishes kept outstanding at once: enough to keep the broker and the aggregator busy.
    private const int Window = 256;

    public async Task<int> RunAsync(BrokerTarget? external, int events, int neurons, CancellationToken ct)
    {
        await using var embedded = external is null ? await EmbeddedBroker.StartAsync(0, null, ct) : null;
        var broker = external ?? new BrokerTarget(embedded!.Address, null);
        var stateDir = Directory.CreateTempSubdirectory("pineurons-bench-ingest-").FullName;
        try
        {
            await using var aggregator = await DemoAggregator.StartAsync(broker, Root + "-" + Guid.NewGuid().ToString("N")[..6], stateDir, 0, ct);
            var root = aggregator.App.Services.GetRequiredService<Aggregator.Hosting.AggregatorSettings>().Topics.Root;
            var perNeuron = (events + neurons - 1) / neurons;
            var published = new long[neurons, perNeuron + 1];
            var delays = new List<double>(events);
            var storedAll = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var subscription = aggregator.App.Services.GetRequiredService<LiveBroadcaster>().Subscribe();
            var stored = 0;
            var collector = Task.Run(async () =>
            {
                await foreach (var message in subscription.Reader.ReadAllAsync(ct))
                {
                    if (message.Name != LiveMessage.EventName)
                    {
                        continue;
                    }

                    var now = time.GetTimestamp();
                    using var doc = JsonDocument.Parse(message.Data);
                    var neuron = int.Parse(doc.RootElement.GetProperty("neuron").GetString()![1..], CultureInfo.InvariantCulture);
                    var seq = doc.RootElement.GetProperty("seq").GetInt64();
                    delays.Add(time.GetElapsedTime(Volatile.Read(ref published[neuron, seq]), now).TotalMicroseconds);
                    if (++stored == events)
                    {
                        storedAll.TrySetResult();
                        return;
                    }
                }
            }, ct);

            await using var publisher = await broker.ConnectAsync(root, TimeSpan.FromSeconds(5), time, ct);
            await output.WriteLineAsync($"bench ingest: {events} events from {neurons} neurons at QoS 1 via {broker.Address} into an aggregator on SQLite ({stateDir}) ...");
            var scheme = new TopicScheme(root);
            var topics = Enumerable.Range(0, neurons).Select(n => scheme.For($"n{n}").Events).ToArray();
            var started = time.GetTimestamp();
            var inFlight = new List<Task>(Window);
            var at = DateTimeOffset.UnixEpoch.AddYears(56);
            for (var i = 0; i < events; i++)
            {
                var n = i % neurons;
                var seq = (i / neurons) + 1;
                var payload = Encoding.UTF8.GetBytes(
                    $"{{\"id\":\"n{n}\",\"seq\":{seq},\"type\":\"fired\",\"from\":\"x\",\"at\":\"{at.AddMilliseconds(i):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\",\"hop\":1}}");
                Volatile.Write(ref published[n, seq], time.GetTimestamp());
                inFlight.Add(publisher.PublishAsync(topics[n], payload, ct: ct));
                if (inFlight.Count == Window)
                {
                    await Task.WhenAll(inFlight);
                    inFlight.Clear();
                }

                if ((i + 1) % 20_000 == 0)
                {
                    await output.WriteLineAsync($"  published {i + 1} ...");
                }
            }

            await Task.WhenAll(inFlight);
            var publishing = time.GetElapsedTime(started);
            await storedAll.Task.WaitAsync(TimeSpan.FromMinutes(5), ct);
            var total = time.GetElapsedTime(started);
            await collector;
            var summary = LatencySummary.Of(delays);
            await output.WriteLineAsync($"published {events,10} events in {publishing.TotalSeconds,6:0.00} s   {events / publishing.TotalSeconds,10:0} events/s");
            await output.WriteLineAsync($"stored    {stored,10} events in {total.TotalSeconds,6:0.00} s   {stored / total.TotalSeconds,10:0} events/s");
            await output.WriteLineAsync($"publish -> stored: {summary}");
            return ExitCodes.Ok;
        }
        finally
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }
}
