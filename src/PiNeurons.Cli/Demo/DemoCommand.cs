using PiNeurons.Cli.Commands;
using PiNeurons.Cli.Infrastructure;
using System.CommandLine;
using PiNeurons.Core.Manifest;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Demo;

/// <summary><c>pineurons demo</c>: the XOR network of the origin talk on one laptop, no Pi and no broker needed.</summary>
internal static class DemoCommand
{
    public static Command Create(CliGlobalOptions global)
    {
        var stay = new Option<bool>("--stay") { Description = "keep the network running after the truth table, to play with it from MQTT tools (Ctrl+C ends)" };
        var port = new Option<int>("--port") { Description = "port of the embedded broker (default: 1883, or a free port if 1883 is taken)", DefaultValueFactory = _ => 1883 };
        var httpPort = new Option<int>("--http-port") { Description = "port of the aggregator's live page on 127.0.0.1 (default: 8080, or a free port if 8080 is taken)", DefaultValueFactory = _ => 8080 };
        var noAggregator = new Option<bool>("--no-aggregator") { Description = "do not start the aggregator and its live page" };
        var command = new Command("demo",
            "Run the XOR network (x, y -> h1, h2, h3 -> z) on simulated boards and print its truth table and LED activity,\n"
            + "beside a neuron with simulated sensors (warm: fires when the simulated room warms past 25 °C).\n"
            + "Without --broker an MQTT broker is embedded in the process; with --broker URL the neurons use that broker "
            + "(under the topic root pineurons-demo, so a live cluster is not disturbed).\n"
            + "The aggregator runs in the same process and serves the live network page (its URL is printed).\n"
            + "Example: pineurons demo --stay")
        {
            stay,
            port,
            httpPort,
            noAggregator,
        };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, global, async context =>
        {
            var demo = new XorDemo(context.Output, context.Time);
            int? page = parse.GetValue(noAggregator) ? null : parse.GetValue(httpPort);
            if (page is < 0 or > 65535)
            {
                throw new CliUsageException($"--http-port {page} is not a TCP port (0 to 65535)");
            }

            var manifest = ClusterManifest.Parse(EmbeddedManifest.Xor(), "xor.yaml (built in)");
            var room = ClusterManifest.Parse(EmbeddedManifest.Room(), "room.yaml (built in)");
            if (context.BrokerGiven)
            {
                return await demo.RunAsync(context.Target, "pineurons-demo", manifest, room, parse.GetValue(stay), page, ct);
            }

            await using var broker = await EmbeddedBroker.StartAsync(parse.GetValue(port), null, ct);
            await context.Output.WriteLineAsync($"Embedded MQTT broker listening on {broker.Address}");
            return await demo.RunAsync(new BrokerTarget(broker.Address, null), manifest.Root, manifest, room, parse.GetValue(stay), page, ct);
        }, ct));
        return command;
    }
}
