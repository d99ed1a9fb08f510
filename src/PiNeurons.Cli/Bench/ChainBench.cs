using PiNeurons.Core;
using System.Text.Json;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Bench;

/// <summary>
/// <c>bench chain</c>: n0 → n1 → ... → n(L-1), weight 1, threshold 0.9, refractoryMs 0. One external kick to
/// n0 ripples down the chain; an observer subscribed to every kick topic timestamps each kick as the broker
/// delivers it, so the gap between n(i)'s kick and n(i+1)'s kick is one hop: receive, decide, publish, route.
/// </summary>
internal sealed class ChainBench(TextWriter output, TimeProvider time)
{
    private const string Root = "pineurons-bench";

    /// <summary>Runs the chain; <paramref name="node"/>, when given, is the node binary that hosts it as its own process, and
    /// <paramref name="limitRoundTrip"/> the wire's round trip in µs, measured in the same run.</summary>
    public async Task<int> RunAsync(BrokerTarget? external, string? node, int length, int kicks, int warmup, double? limitRoundTrip, CancellationToken ct)
    {
        var ids = Enumerable.Range(0, length).Select(i => $"n{i}").ToArray();
        var neurons = ids.Select((id, i) => new NeuronEntry(id, "bench", ChainConfig(ids, i), null, null, [])).ToArray();
        await using var network = node is null
            ? await BenchNetwork.StartAsync(external, Root, neurons, time, ct)
            : await BenchNetwork.StartProcessAsync(node, external, Root, neurons, time, ct);
        var scheme = new TopicScheme(Root);
        var last = scheme.For(ids[^1]);
        await using var observer = await network.Target.ConnectAsync(Root, TimeSpan.FromSeconds(5), time, ct);
        await observer.SubscribeAsync([Root + "/+/kick", last.Events, scheme.AllStatus], ct);
        var where = node is null ? "in this process" : $"in {node}";
        await output.WriteLineAsync($"bench chain: {length} neurons {where} on {network.Address}, {warmup} warm-up + {kicks} measured kicks");
        await observer.WaitOnlineAsync(scheme, ids, ct);

        var hops = new List<double>(kicks * (length - 1));
        var endToEnd = new List<double>(kicks);
        var arrivals = new long[length];
        var started = time.GetTimestamp();
        for (var k = 0; k < warmup + kicks; k++)
        {
            Array.Clear(arrivals);
            await observer.PublishAsync(scheme.For(ids[0]).Kick, ReadOnlyMemory<byte>.Empty, qos: MQTTnet.Protocol.MqttQualityOfServiceLevel.AtMostOnce, ct: ct);
            var firedAt = await CollectOneKickAsync(observer, scheme, ids, last.Events, arrivals, ct);
            if (k < warmup)
            {
                continue;
            }

            for (var i = 0; i + 1 < length; i++)
            {
                hops.Add(time.GetElapsedTime(arrivals[i], arrivals[i + 1]).TotalMicroseconds);
            }

            endToEnd.Add(time.GetElapsedTime(arrivals[0], firedAt).TotalMicroseconds);
            if ((k - warmup + 1) % Math.Max(1, kicks / 10) == 0)
            {
                await output.WriteLineAsync($"  {k - warmup + 1}/{kicks} kicks");
            }
        }

        var elapsed = time.GetElapsedTime(started);
        await output.WriteLineAsync();
        var perHop = LatencySummary.Of(hops);
        await output.WriteLineAsync($"per hop (n(i) kick -> n(i+1) kick):      {perHop}");
        if (limitRoundTrip is { } rtt)
        {
            await output.WriteLineAsync(LimitRatio.Hops(perHop, rtt));
        }

        await output.WriteLineAsync($"end to end (n0 kick -> {ids[^1]} fired event): {LatencySummary.Of(endToEnd)}");
        await output.WriteLineAsync($"{warmup + kicks} kicks through {length} neurons in {elapsed.TotalSeconds:0.0} s");
        return ExitCodes.Ok;
    }

    private static NeuronConfig ChainConfig(string[] ids, int i) => NeuronConfig.Default with
    {
        Threshold = 0.9,
        Weights = i == 0 ? new Dictionary<string, double>() : new Dictionary<string, double> { [ids[i - 1]] = 1 },
        Connections = i + 1 < ids.Length ? [ids[i + 1]] : [],
        RefractoryMs = 0,
        IntegrationWindowMs = 0,
        MaxFiresPerSecond = 0,
        MaxHops = 0,
    };

    private static async Task<long> CollectOneKickAsync(
        MqttRequestClient observer, TopicScheme scheme, string[] ids, string lastEvents, long[] arrivals, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var (message, receivedAt) = await observer.Incoming.ReadAsync(timeout.Token);
                if (message.Topic == lastEvents)
                {
                    var e = JsonSerializer.Deserialize(message.PayloadSpan(), ProtocolJsonContext.Default.EventMessage);
                    if (e?.Type == "fired")
                    {
                        return receivedAt;
                    }
                }
                else if (scheme.TrySplit(message.Topic, out var id, out var leaf) && leaf == "kick" && ChainIndex(id, ids.Length) is { } index)
                {
                    arrivals[index] = receivedAt;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var seen = string.Join(", ", ids.Where((_, i) => arrivals[i] != 0));
            throw new TimeoutException($"a kick did not reach the end of the chain within 10 s (kicks seen for: {seen})");
        }
    }

    // Kicks to other neurons under the bench's root (another bench on the same broker, the tail of a throughput
    // flood the broker is still delivering) are not this chain's.
    private static int? ChainIndex(string id, int length) =>
        id.StartsWith('n')
        && int.TryParse(id.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
        && index < length
            ? index
            : null;
}
