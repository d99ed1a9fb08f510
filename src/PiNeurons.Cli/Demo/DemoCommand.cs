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
        var learn = new Option<bool>("--learn")
        {
            Description = "run xor-learn.yaml instead: z starts from random weights and learns XOR by the perceptron rule, epoch by epoch",
        };
        var seed = new Option<int?>("--seed") { Description = "with --learn: the seed of z's random start (default: a new one, printed so the run can be repeated)" };
        var maxEpochs = new Option<int>("--max-epochs") { Description = "with --learn: give up after this many epochs (exit 1)", DefaultValueFactory = _ => 50 };
        var command = new Command("demo",
            "Run the XOR network on simulated boards, with an embedded broker and the live page, and print its truth table.\n"
            + "Example: pineurons demo --stay      (keeps it running; play with it from MQTT tools or the page)\n"
            + "Example: pineurons demo --learn     (z learns XOR from random weights; prints each epoch)")
        {
            stay,
            port,
            httpPort,
            noAggregator,
            learn,
            seed,
            maxEpochs,
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

            var learning = parse.GetValue(learn);
            var epochs = parse.GetValue(maxEpochs);
            if (!learning && (parse.GetValue(seed) is not null || parse.GetResult(maxEpochs) is { Implicit: false }))
            {
                throw new CliUsageException("--seed and --max-epochs go with --learn, e.g. pineurons demo --learn --seed 7");
            }

            if (epochs is < 1 or > 10_000)
            {
                throw new CliUsageException($"--max-epochs {epochs}: give 1 to 10000");
            }

            var manifest = learning
                ? ClusterManifest.Parse(EmbeddedManifest.XorLearn(), "xor-learn.yaml (built in)")
                : ClusterManifest.Parse(EmbeddedManifest.Xor(), "xor.yaml (built in)");
            var room = learning ? null : ClusterManifest.Parse(EmbeddedManifest.Room(), "room.yaml (built in)");
            var start = parse.GetValue(seed) ?? Random.Shared.Next(1, 10_000);
            Task<int> RunAsync(BrokerTarget broker, string root) => learning
                ? new LearnDemo(context.Output, context.Time).RunAsync(broker, root, manifest, start, epochs, parse.GetValue(stay), page, ct)
                : demo.RunAsync(broker, root, manifest, room, parse.GetValue(stay), page, ct);
            if (context.BrokerGiven)
            {
                return await RunAsync(context.Target, "pineurons-demo");
            }

            await using var broker = await EmbeddedBroker.StartAsync(parse.GetValue(port), null, ct);
            await context.Output.WriteLineAsync($"Embedded MQTT broker listening on {broker.Address}");
            return await RunAsync(new BrokerTarget(broker.Address, null), manifest.Root);
        }, ct));
        return command;
    }
}
