using System.Globalization;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Bench;

/// <summary>
/// <c>bench footprint</c>: starts a node binary as its own process on simulated boards, a few times, and reports the
/// time from exec to every neuron's retained <c>online</c> and the process's peak resident memory (VmHWM) then,
/// as min / median / max over the runs. Each binary given is measured in turn, so a NativeAOT and a JIT-compiled
/// node can be compared in one run.
/// </summary>
internal sealed class FootprintBench(TextWriter output, TimeProvider time)
{
    private const string Root = "pineurons-bench";

    public async Task<int> RunAsync(IReadOnlyList<string> nodes, int neurons, int runs, CancellationToken ct)
    {
        await using var broker = await EmbeddedBroker.StartAsync(0, null, ct);
        var target = new BrokerTarget(broker.Address, null);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"bench footprint: a node hosting {neurons} neuron(s) on simulated boards, {runs} runs per binary, on the embedded broker {broker.Address}"));
        var results = new List<(string Node, Spread Start, Spread Peak, Spread PerNeuron)>();
        foreach (var node in nodes)
        {
            // The file name, unless two builds of the node being compared share it.
            var label = nodes.Count(n => Path.GetFileName(n) == Path.GetFileName(node)) > 1 ? node : Path.GetFileName(node);
            var starts = new List<double>(runs);
            var peaks = new List<double>(runs);
            for (var run = 1; run <= runs; run++)
            {
                // Ids new to each run, so that no retained status of an earlier run counts as this one's.
                var ids = Enumerable.Range(0, neurons).Select(i => string.Create(CultureInfo.InvariantCulture, $"r{run}-n{i}")).ToArray();
                var (startMs, peakMib) = await MeasureAsync(node, target, ids, ct);

                starts.Add(startMs);
                peaks.Add(peakMib);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {label} run {run}/{runs}: online after {startMs:0} ms, peak RSS {peakMib:0.0} MiB"));
            }

            results.Add((node, Spread.Of(starts), Spread.Of(peaks), Spread.Of([.. peaks.Select(p => p * 1024 / neurons)])));
        }

        await output.WriteLineAsync();
        foreach (var (node, start, peak, perNeuron) in results)
        {
            await output.WriteLineAsync(node);
            await output.WriteLineAsync($"  exec to all online   {start.Format("ms")}");
            await output.WriteLineAsync($"  peak RSS (VmHWM)     {peak.Format("MiB", "0.0")}");
            if (neurons > 1)
            {
                // The whole process over the neurons: the runtime's own share included, so an upper bound.
                await output.WriteLineAsync($"  peak RSS per neuron  {perNeuron.Format("KiB")}");
            }
        }

        return ExitCodes.Ok;
    }

    private async Task<(double StartMs, double PeakMib)> MeasureAsync(string node, BrokerTarget target, string[] ids, CancellationToken ct)
    {
        var scheme = new TopicScheme(Root);
        var stateDir = Directory.CreateTempSubdirectory("pineurons-bench-footprint-").FullName;
        await using var observer = await target.ConnectAsync(Root, TimeSpan.FromSeconds(5), time, ct);
        await observer.SubscribeAsync([scheme.AllStatus], ct);
        var started = time.GetTimestamp();
        try
        {
            using var process = BenchNodeProcess.Start(node, ["--neurons", string.Join(',', ids), "--broker", target.Address.ToString(), "--root", Root, "--state-dir", stateDir]);
            await process.WaitOnlineAsync(observer, scheme, ids, ct);
            var elapsed = time.GetElapsedTime(started);
            var peak = ProcessMemory.PeakResidentKib(process.Id) ?? throw new NodeStartFailedException("no /proc/<pid>/status to read the peak memory from (Linux only)");
            return (elapsed.TotalMilliseconds, peak / 1024.0);
        }
        finally
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }
}
