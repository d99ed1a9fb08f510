using PiNeurons.Cli.Commands;
using PiNeurons.Cli.Infrastructure;
using System.CommandLine;
using PiNeurons.Core.Manifest;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Demo;

/// <summary><c>pineurons demo</c>: the XOR network of the origin talk on one laptop, no Pi and no broker needed.</summary>
internal static class DemoCommand
{
    public static Command Create(MqttOptions mqttOptions)
    {
        var stay = new Option<bool>("--stay") { Description = "keep the network running after the truth table, to play with it from MQTT tools (Ctrl+C ends)" };
        var port = new Option<int>("--port") { Description = "port of the embedded broker (default: 1883, or a free port if 1883 is taken)", DefaultValueFactory = _ => 1883 };
        var httpPort = new Option<int>("--http-port") { Description = "port of the aggregator's live page on 127.0.0.1 (default: 8080, or a free port if 8080 is taken)", DefaultValueFactory = _ => 8080 };
        var noAggregator = new Option<bool>("--no-aggregator") { Description = "do not start the aggregator and its live page" };
        var command = new Command("demo",
            "Run the XOR network on simulated boards, with an embedded broker and the live page, and print its truth table.\n"
            + "Example: pineurons demo --stay      (keeps it running; play with it from MQTT tools or the page)")
        {
            stay,
            port,
            httpPort,
            noAggregator,
        };
        mqttOptions.AddTo(command);
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, mqttOptions, async context =>
        {
            var demo = new XorDemo(context.Output, context.Time);
            int? page = parse.GetValue(noAggregator) ? null : parse.GetValue(httpPort);
            if (page is < 0 or > 65535)
            {
                throw new CliUsageException($"--http-port {page} is not a TCP port (0 to 65535)");
            }

            var mqttPort = parse.GetValue(port);
            if (mqttPort is < 0 or > 65535)
            {
                throw new CliUsageException($"--port {mqttPort} is not a TCP port (0 to 65535)");
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
