using PiNeurons.Core;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Demo;

/// <summary>
/// The origin talk's XOR network, run for real: six neurons on simulated boards, each with its own MQTT
/// connection, through a broker; x and y are kicked for each row of the truth table and z's firing is read
/// off the event stream, the same one any MQTT tool sees.
/// </summary>
internal sealed class XorDemo(TextWriter output, TimeProvider time)
{
    private static readonly (int X, int Y)[] Rows = [(0, 0), (0, 1), (1, 0), (1, 1)];

    /// <summary>Runs the demo; with <paramref name="httpPort"/> the aggregator runs in-process too and its page shows the
    /// network, and with <paramref name="room"/> its neurons (room.yaml's sensor neuron) run beside the XOR network.</summary>
    public async Task<int> RunAsync(BrokerTarget broker, string root, ClusterManifest manifest, ClusterManifest? room, bool stay, int? httpPort, CancellationToken ct)
    {
        await using var network = await DemoNetwork.StartAsync(broker, root, room is null ? [manifest] : [manifest, room], httpPort, output, time, ct);
        var order = DemoLayout.Order(manifest);
        await output.WriteLineAsync("All online. Kicking x and y for each row of the truth table (LEDs: ● lit, · dark):");
        await output.WriteLineAsync();

        var correct = 0;
        var table = new StringBuilder();
        foreach (var (x, y) in Rows)
        {
            var fired = await RunRowAsync(network, order, x, y, ct);
            var z = fired.Contains("z") ? 1 : 0;
            var expected = x ^ y;
            correct += z == expected ? 1 : 0;
            table.AppendLine($"   {x}   {y}  |  {z}   {(z == expected ? "ok" : $"WRONG (expected {expected})")}");
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("   x   y  |  z");
        await output.WriteLineAsync("  --------+------");
        await output.WriteAsync(table.ToString());
        await output.WriteLineAsync();
        await output.WriteLineAsync(correct == Rows.Length
            ? "XOR computed correctly: z fired for exactly one of x, y (0,1,1,0)."
            : $"XOR WRONG in {Rows.Length - correct} row(s).");

        if (room is not null)
        {
            await DescribeSensorsAsync(network.Observer, network.Scheme, room, ct);
        }

        if (stay)
        {
            await DemoStay.RunAsync(output, broker, root, network.Aggregator?.Address, time, ct);
        }

        return correct == Rows.Length ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private async Task<IReadOnlySet<string>> RunRowAsync(DemoNetwork network, IReadOnlyList<string> order, int x, int y, CancellationToken ct)
    {
        var row = await network.PlayRowAsync(x, y, ct);
        var lit = row.Flashes.Select(f => f.NeuronId).ToHashSet(StringComparer.Ordinal);
        var strip = string.Join("  ", order.Select(id => $"{id} {(lit.Contains(id) ? "●" : "·")}"));
        var timeline = string.Join(", ", row.Flashes.Select(f => $"{f.NeuronId} +{time.GetElapsedTime(row.Start, f.At).TotalMilliseconds:0} ms"));
        await output.WriteLineAsync($"  x={x} y={y}   {strip}");
        if (timeline.Length > 0)
        {
            await output.WriteLineAsync($"               LEDs lit: {timeline}");
        }

        // Let every input of this row expire (inputLastingMs 500) so rows do not add up.
        await Task.Delay(TimeSpan.FromMilliseconds(600), time, ct);
        return row.Fired;
    }

    // What each sensor neuron reads now (from its state), and what makes it fire.
    private async Task DescribeSensorsAsync(MqttRequestClient observer, TopicScheme scheme, ClusterManifest room, CancellationToken ct)
    {
        await output.WriteLineAsync();
        foreach (var neuron in room.Neurons.Where(n => n.Sensors.Count > 0))
        {
            var reply = await observer.RequestAsync(scheme.For(neuron.Id).Query, ReadOnlyMemory<byte>.Empty, TimeSpan.FromSeconds(5), ct);
            var state = JsonSerializer.Deserialize(reply.PayloadSpan(), ProtocolJsonContext.Default.StateMessage);
            await output.WriteLineAsync($"Sensors of {neuron.Id} (simulated; the room warms from 20 °C to 28 °C and back every 4 minutes):");
            foreach (var sensor in neuron.Sensors)
            {
                var now = state?.Sensors?.GetValueOrDefault(sensor.Name) is { } r
                    ? string.Create(CultureInfo.InvariantCulture, $"{r.Value:0.0} {r.Unit}").TrimEnd()
                    : "no reading yet";
                var kicks = sensor.Threshold is { } t
                    ? string.Create(CultureInfo.InvariantCulture, $"kicks when it goes {(t.Direction == ThresholdDirection.Above ? "above" : "below")} {t.Value}")
                    : sensor.IsPolled ? "published only" : "kicks on motion";
                await output.WriteLineAsync($"  {sensor.Name,-8} {sensor.Type} {sensor.Measure ?? "motion"}: {now}; {kicks}");
            }
        }

        await output.WriteLineAsync("Run with --stay to watch it fire as the room warms (on the page, or mosquitto_sub -v -t '" + scheme.Root + "/+/sensors/#').");
    }
}
