using PiNeurons.Cli.Commands;
using System.CommandLine;
using PiNeurons.Cli.Infrastructure;

namespace PiNeurons.Cli.Bench;

/// <summary><c>pineurons bench</c>: latency and throughput figures. Figures only: nothing here passes or fails on speed.</summary>
internal static class BenchCommand
{
    public static Command Create(MqttOptions mqttOptions)
    {
        var command = new Command("bench",
            "Measure hop latency, kicks per second and the aggregator's ingest on this machine, as figures; neurons run here as a node "
            + "runs them, on an embedded broker unless --broker is given (then under the root pineurons-bench).\n"
            + "Example: pineurons bench chain --length 10 --kicks 1000");
        command.Subcommands.Add(Chain(mqttOptions));
        command.Subcommands.Add(Throughput(mqttOptions));
        command.Subcommands.Add(Ingest(mqttOptions));
        command.Subcommands.Add(Footprint(mqttOptions));
        return command;
    }

    private static Command Chain(MqttOptions mqttOptions)
    {
        var length = new Option<int>("--length") { Description = "neurons in the chain (2-1000)", DefaultValueFactory = _ => 10 };
        var kicks = new Option<int>("--kicks") { Description = "measured kicks", DefaultValueFactory = _ => 1000 };
        var warmup = new Option<int>("--warmup") { Description = "kicks before measuring", DefaultValueFactory = _ => 100 };
        var node = new Option<string?>("--node")
        {
            Description = "a node binary (PiNeurons.Node) that hosts the chain as its own process, as a Pi runs it, instead of this process; "
                + "on the embedded broker or an anonymous plain one",
        };
        var limit = new Option<double?>("--limit-rtt")
        {
            Description = "the wire's limit measured in the same run: the round-trip p50, in microseconds, of two C clients "
                + "through the same broker (the team's limit script prints it); adds each hop percentile as a multiple of half of it",
        };
        var chain = new Command("chain",
            "Per-hop latency: a chain n0..n(L-1) (weight 1, threshold 0.9, refractoryMs 0) kicked at n0, one kick at a time; "
            + "reports p50/p90/p99 in microseconds.\nExample: pineurons bench chain --length 10 --kicks 1000 --limit-rtt 112")
        {
            length, kicks, warmup, node, limit,
        };
        // Checked in the action: a command validator sees 0, not the default, for an option not given.
        mqttOptions.AddTo(chain);
        chain.SetAction((parse, ct) => CommandContext.RunAsync(parse, mqttOptions, context =>
        {
            var (n, k, w) = (parse.GetValue(length), parse.GetValue(kicks), parse.GetValue(warmup));
            Require(n is >= 2 and <= 1000, "--length must be from 2 to 1000");
            Require(k >= 1, "--kicks must be at least 1");
            Require(w >= 0, "--warmup must not be negative");
            var binary = parse.GetValue(node);
            if (binary is not null)
            {
                Require(File.Exists(binary), $"--node: no file {binary} (build the node first: deploy/publish-node.sh --rid linux-x64, or dotnet build src/PiNeurons.Node -c Release)");
                Require(External(context) is not { } external || (external.Login is null && external.Tls is null),
                    "--node: the node process joins the broker without a login or TLS; leave out --broker for the embedded one, or give a plain anonymous broker");
            }

            var rtt = parse.GetValue(limit);
            Require(rtt is null or > 0, "--limit-rtt must be more than 0 microseconds");
            return new ChainBench(context.Output, context.Time).RunAsync(External(context), binary, n, k, w, rtt, ct);
        }, ct));
        return chain;
    }

    private static Command Throughput(MqttOptions mqttOptions)
    {
        var seconds = new Option<double>("--seconds") { Description = "how long to send kicks", DefaultValueFactory = _ => 5 };
        var limit = new Option<double?>("--limit-rate")
        {
            Description = "the wire's limit measured in the same run: messages per second two C clients pass through the same broker "
                + "(the team's limit script prints it); adds the neuron's rate as a multiple of it",
        };
        var throughput = new Command("throughput",
            "Kicks per second one neuron processes while a flooding client writes QoS 0 kicks to it, many per socket write so the sender is not the limit; "
            + "the count is taken in the neuron, not from its events.\nExample: pineurons bench throughput --seconds 5")
        {
            seconds, limit,
        };
        mqttOptions.AddTo(throughput);
        throughput.SetAction((parse, ct) => CommandContext.RunAsync(parse, mqttOptions, context =>
        {
            var s = parse.GetValue(seconds);
            Require(s is > 0 and <= 3600, "--seconds must be more than 0 and at most 3600");
            var rate = parse.GetValue(limit);
            Require(rate is null or > 0, "--limit-rate must be more than 0 messages per second");
            return new ThroughputBench(context.Output, context.Time).RunAsync(External(context), s, rate, ct);
        }, ct));
        return throughput;
    }

    private static Command Ingest(MqttOptions mqttOptions)
    {
        var events = new Option<int>("--events") { Description = "events to publish (1-10000000)", DefaultValueFactory = _ => 100_000 };
        var neurons = new Option<int>("--neurons") { Description = "neurons the events come from (1-1000)", DefaultValueFactory = _ => 10 };
        var ingest = new Command("ingest",
            "Aggregator ingest: events published at QoS 1 into an aggregator in this process (fresh SQLite file); reports "
            + "events stored per second and the publish -> stored delay.\nExample: pineurons bench ingest --events 100000")
        {
            events, neurons,
        };
        mqttOptions.AddTo(ingest);
        ingest.SetAction((parse, ct) => CommandContext.RunAsync(parse, mqttOptions, context =>
        {
            var (e, n) = (parse.GetValue(events), parse.GetValue(neurons));
            Require(e is >= 1 and <= 10_000_000, "--events must be from 1 to 10000000");
            Require(n is >= 1 and <= 1000, "--neurons must be from 1 to 1000");
            return new IngestBench(context.Output, context.Time).RunAsync(External(context), e, n, ct);
        }, ct));
        return ingest;
    }

    private static Command Footprint(MqttOptions mqttOptions)
    {
        var neurons = new Option<int>("--neurons") { Description = "neurons the node hosts (1-2000)", DefaultValueFactory = _ => 1 };
        var runs = new Option<int>("--runs") { Description = "starts per node binary (1-50)", DefaultValueFactory = _ => 5 };
        var nodes = new Option<string[]>("--node")
        {
            Description = "a node binary to measure, repeatable to compare builds (default: the PiNeurons.Node beside this pineurons)",
            AllowMultipleArgumentsPerToken = false,
        };
        var footprint = new Command("footprint",
            "Start-up time and memory of the node as its own process: exec to every neuron's retained online, and peak RSS (VmHWM), "
            + "as min/median/max over the runs, on the embedded broker and simulated boards.\n"
            + "Example: pineurons bench footprint --runs 5 --neurons 1000")
        {
            neurons, runs, nodes,
        };
        // The node runs on the embedded broker only: the connection options are not listed for this command.
        footprint.SetAction((parse, ct) => CommandContext.RunAsync(parse, mqttOptions, context =>
        {
            var (n, r) = (parse.GetValue(neurons), parse.GetValue(runs));
            Require(n is >= 1 and <= 2000, "--neurons must be from 1 to 2000");
            Require(r is >= 1 and <= 50, "--runs must be from 1 to 50");
            var binaries = parse.GetValue(nodes) is { Length: > 0 } given ? given : [Path.Combine(AppContext.BaseDirectory, "PiNeurons.Node")];
            foreach (var binary in binaries)
            {
                Require(File.Exists(binary), $"--node: no file {binary} (build the node first: dotnet build src/PiNeurons.Node -c Release)");
            }

            return new FootprintBench(context.Output, context.Time).RunAsync(binaries, n, r, ct);
        }, ct));
        return footprint;
    }

    private static void Require(bool ok, string rule)
    {
        if (!ok)
        {
            throw new CliUsageException(rule);
        }
    }

    private static BrokerTarget? External(CommandContext context) => context.BrokerGiven ? context.Target : null;
}
