using PiNeurons.Cli.Commands;
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
        var command = new Command("demo",
            "Run the XOR network (x, y -> h1, h2, h3 -> z) on simulated boards and print its truth table and LED activity.\n"
            + "Without --broker an MQTT broker is embedded in the process; with --broker URL the neurons use that broker "
            + "(under the topic root pineurons-demo, so a live cluster is not disturbed).\n"
            + "Example: pineurons demo --stay")
        {
            stay,
            port,
        };
        command.SetAction((parse, ct) => CommandContext.RunAsync(parse, global, async context =>
        {
            var demo = new XorDemo(context.Output, context.Time);
            var manifest = ClusterManifest.Parse(EmbeddedManifest.Xor(), "xor.yaml (built in)");
            if (context.BrokerGiven)
            {
                return await demo.RunAsync(context.Broker, "pineurons-demo", manifest, parse.GetValue(stay), ct);
            }

            await using var broker = await EmbeddedBroker.StartAsync(parse.GetValue(port), null, ct);
            await context.Output.WriteLineAsync($"Embedded MQTT broker listening on {broker.Address}");
            return await demo.RunAsync(broker.Address, manifest.Root, manifest, parse.GetValue(stay), ct);
        }, ct));
        return command;
    }
}
