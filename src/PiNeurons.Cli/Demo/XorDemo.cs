using PiNeurons.Core;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Protocol;
using PiNeurons.Hardware.Gpio;
using PiNeurons.Mqtt;
using PiNeurons.Node.Hosting;

namespace PiNeurons.Cli.Demo;

/// <summary>
/// The origin talk's XOR network, run for real: six neurons on simulated boards, each with its own MQTT
/// connection, through a broker; x and y are kicked for each row of the truth table and z's firing is read
/// off the event stream, the same one any MQTT tool sees.
/// </summary>
internal sealed class XorDemo(TextWriter output, TimeProvider time)
{
    private static readonly (int X, int Y)[] Rows = [(0, 0), (0, 1), (1, 0), (1, 1)];

    // A row is settled when no event came for this long; it exceeds the manifest's integration window (150 ms)
    // so a decision still pending is waited for.
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);

    /// <summary>Runs the demo; with <paramref name="httpPort"/> the aggregator runs in-process too and its page shows the
    /// network, and with <paramref name="room"/> its neurons (room.yaml's sensor neuron) run beside the XOR network.</summary>
    public async Task<int> RunAsync(BrokerTarget broker, string root, ClusterManifest manifest, ClusterManifest? room, bool stay, int? httpPort, CancellationToken ct)
    {
        var address = broker.Address;
        var stateDir = Directory.CreateTempSubdirectory("pineurons-demo-").FullName;
        try
        {
            PlannedHost[] hosts = [.. manifest.Hosts.Concat(room?.Hosts ?? []).Select(h => new PlannedHost(h.Name, GpioDriverKind.Simulated, 0, h.Neurons))];
            var plan = new NodePlan(address, root, stateDir, hosts)
            {
                Credentials = broker.Login?.ForNode(),
                Tls = broker.Tls,
                // On by default in the demo, so a Home Assistant on the same broker shows the network.
                HomeAssistant = new HomeAssistantEntry(Discovery: true),
                DiscoverySensors = NodePlanner.DiscoverySensors(hosts),
            };
            using var host = NodeHost.Build(plan, LogLevel.Warning);
            using var leds = new LedRecorder(plan, host.Services.GetRequiredService<GpioBoards>(), time);
            var scheme = new TopicScheme(root);
            await using var observer = await broker.ConnectAsync(root, TimeSpan.FromSeconds(5), time, ct);
            await observer.SubscribeAsync([scheme.AllStatus, scheme.AllEvents], ct);
            await host.StartAsync(ct);
            var order = DemoLayout.Order(manifest);
            IReadOnlyList<string> everyone = [.. order, .. room?.Neurons.Select(n => n.Id) ?? []];
            await output.WriteLineAsync($"Starting {everyone.Count} neurons ({string.Join(", ", everyone)}) on simulated boards, broker {address} ...");
            await observer.WaitOnlineAsync(scheme, everyone, ct);
            await using var aggregator = httpPort is { } port ? await DemoAggregator.StartAsync(broker, root, stateDir, port, ct) : null;
            if (aggregator is not null)
            {
                await output.WriteLineAsync($"Aggregator: the live network page is at {aggregator.Address} (API under {aggregator.Address}api/)");
            }

            await output.WriteLineAsync("All online. Kicking x and y for each row of the truth table (LEDs: ● lit, · dark):");
            await output.WriteLineAsync();

            var correct = 0;
            var table = new StringBuilder();
            foreach (var (x, y) in Rows)
            {
                var fired = await RunRowAsync(observer, scheme, leds, order, x, y, ct);
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
                await DescribeSensorsAsync(observer, scheme, room, ct);
            }

            if (stay)
            {
                await StayAsync(broker, root, aggregator?.Address, ct);
            }

            await host.StopAsync(CancellationToken.None);
            return correct == Rows.Length ? ExitCodes.Ok : ExitCodes.Failed;
        }
        finally
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }

    private async Task<HashSet<string>> RunRowAsync(
        MqttRequestClient observer, TopicScheme scheme, LedRecorder leds, IReadOnlyList<string> order, int x, int y, CancellationToken ct)
    {
        leds.Drain();
        var start = time.GetTimestamp();
        if (x == 1)
        {
            await observer.PublishAsync(scheme.For("x").Kick, ReadOnlyMemory<byte>.Empty, ct: ct);
        }

        if (y == 1)
        {
            await observer.PublishAsync(scheme.For("y").Kick, ReadOnlyMemory<byte>.Empty, ct: ct);
        }

        var fired = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in EventsUntilQuietAsync(observer, ct))
        {
            if (e.Type == "fired")
            {
                fired.Add(e.Id);
            }
        }

        var flashes = leds.Drain();
        var lit = flashes.Select(f => f.NeuronId).ToHashSet(StringComparer.Ordinal);
        var strip = string.Join("  ", order.Select(id => $"{id} {(lit.Contains(id) ? "●" : "·")}"));
        var timeline = string.Join(", ", flashes.Select(f => $"{f.NeuronId} +{time.GetElapsedTime(start, f.At).TotalMilliseconds:0} ms"));
        await output.WriteLineAsync($"  x={x} y={y}   {strip}");
        if (timeline.Length > 0)
        {
            await output.WriteLineAsync($"               LEDs lit: {timeline}");
        }

        // Let every input of this row expire (inputLastingMs 500) so rows do not add up.
        await Task.Delay(TimeSpan.FromMilliseconds(600), time, ct);
        return fired;
    }

    private static async IAsyncEnumerable<EventMessage> EventsUntilQuietAsync(
        MqttRequestClient observer, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
            quiet.CancelAfter(Quiet);
            MQTTnet.MqttApplicationMessage message;
            try
            {
                (message, _) = await observer.Incoming.ReadAsync(quiet.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                yield break;
            }

            if (message.Topic.EndsWith("/events", StringComparison.Ordinal)
                && JsonSerializer.Deserialize(message.PayloadSpan(), ProtocolJsonContext.Default.EventMessage) is { } e)
            {
                yield return e;
            }
        }
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

    private async Task StayAsync(BrokerTarget broker, string root, Uri? page, CancellationToken ct)
    {
        var address = broker.Address;
        var login = broker.Login is { } l ? $" --username {l.UserName}" + (l.PasswordFile is { } f ? $" --password-file {f}" : "") : "";
        await output.WriteLineAsync();
        await output.WriteLineAsync($"The network stays up on {address} until Ctrl+C. Try, from another terminal:");
        if (page is not null)
        {
            await output.WriteLineAsync($"  open {page} in a browser and press a neuron's kick button");
        }

        if (broker.Login is null)
        {
            // Each line runs as printed (the tests run them): the stock tools with their defaults, and this CLI.
            var tls = broker.CaFile is { } ca ? $" --cafile {ca}" : string.Empty;
            await output.WriteLineAsync($"  mosquitto_sub -h {address.Host} -p {address.Port}{tls} -v -t '{root}/+/events'");
            await output.WriteLineAsync($"  mosquitto_pub -h {address.Host} -p {address.Port}{tls} -t {root}/x/kick -n");
        }
        else
        {
            await output.WriteLineAsync("  mosquitto_sub and mosquitto_pub with your login, as docs/mqtt-tools.md shows");
        }

        var caFile = broker.CaFile is { } file ? $" --ca-file {file}" : string.Empty;
        await output.WriteLineAsync($"  {SelfCommand.Prefix} query z --broker {address} --root {root}{login}{caFile}");
        await output.WriteLineAsync("  or point Home Assistant's MQTT integration at this broker: each neuron appears as a device (docs/mqtt-tools.md)");
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
