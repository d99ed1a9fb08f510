using PiNeurons.Core;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Cli.Bench;

/// <summary>
/// <c>bench throughput</c>: a flooding client (<see cref="KickFlooder"/>) writes QoS 0 kicks to one neuron as fast as
/// the broker takes them for the given time; the figure is how many kicks per second the neuron gave to its model
/// in that time, counted in the neuron, not from its events (each kick also emits a <c>kicked</c> event at QoS 1,
/// which is part of the cost; events the outbox cannot take are dropped and counted, as under any overload).
/// </summary>
internal sealed class ThroughputBench(TextWriter output, TimeProvider time)
{
    private const string Root = "pineurons-bench";

    /// <summary>Floods for <paramref name="seconds"/>; <paramref name="limitRate"/>, when given, is the wire's rate measured in the same run.</summary>
    public async Task<int> RunAsync(BrokerTarget? external, double seconds, double? limitRate, CancellationToken ct)
    {
        // A threshold no kick reaches: the neuron integrates every kick and never fires.
        var config = NeuronConfig.Default with { Threshold = 1e9, MaxHops = 0, MaxFiresPerSecond = 0 };
        await using var network = await BenchNetwork.StartAsync(external, Root, [new NeuronEntry("t", "bench", config, null, null, [])], time, ct);
        var scheme = new TopicScheme(Root);
        await using var observer = await network.Target.ConnectAsync(Root, TimeSpan.FromSeconds(5), time, ct);
        await observer.SubscribeAsync([scheme.AllStatus], ct);
        await observer.WaitOnlineAsync(scheme, ["t"], ct);
        var runtime = (await network.NeuronsAsync(ct))[0];
        await output.WriteLineAsync($"bench throughput: kicking neuron t on {network.Address} for {seconds:0.#} s ...");

        var topic = scheme.For("t").Kick;
        await using var flooder = await KickFlooder.ConnectAsync(network.Target, TimeSpan.FromSeconds(5), ct);
        var before = runtime.KicksProcessed;
        var started = time.GetTimestamp();
        var sent = await flooder.FloodAsync(topic, "src", seconds, time, ct);
        var window = time.GetElapsedTime(started);
        var processed = runtime.KicksProcessed - before;
        await output.WriteLineAsync($"sent      {sent,10} kicks   {sent / window.TotalSeconds,10:0} kicks/s");
        await output.WriteLineAsync($"processed {processed,10} kicks   {processed / window.TotalSeconds,10:0} kicks/s   (in the same {window.TotalSeconds:0.0} s)");
        if (limitRate is { } limit)
        {
            await output.WriteLineAsync(LimitRatio.Rate(processed / window.TotalSeconds, limit));
        }

        return ExitCodes.Ok;
    }
}
