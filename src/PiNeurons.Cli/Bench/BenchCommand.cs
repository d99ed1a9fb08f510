using System.CommandLine;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Bench;

/// <summary><c>pineurons bench</c>: latency and throughput figures. Figures only: nothing here passes or fails on speed.</summary>
internal static class BenchCommand
{
    public static Command Create(CliGlobalOptions global)
    {
        var command = new Command("bench",
            "Measure PiNeurons on this machine. The neurons are hosted in this process exactly as a node hosts them, "
            + "on an embedded broker unless --broker is given (then under the topic root pineurons-bench).");
        command.Subcommands.Add(Chain(global));
        command.Subcommands.Add(Throughput(global));
        return command;
    }

    private static Command Chain(CliGlobalOptions global)
    {
        var length = new Option<int>("--length") { Description = "neurons in the chain (2-1000)", DefaultValueFactory = _ => 10 };
        var kicks = new Option<int>("--kicks") { Description = "measured kicks", DefaultValueFactory = _ => 1000 };
        var warmup = new Option<int>("--warmup") { Description = "kicks before measuring", DefaultValueFactory = _ => 100 };
        var chain = new Command("chain",
            "Per-hop latency: a chain n0..n(L-1) (weight 1, threshold 0.9, refractoryMs 0) kicked at n0, one kick at a time; "
            + "reports p50/p90/p99 in microseconds.\nExample: pineurons bench chain --length 10 --kicks 1000")
        {
            length, kicks, warmup,
        };
        chain.Validators.Add(r =>
        {
            if (r.GetValue(length) is < 2 or > 1000) { r.AddError("--length must be from 2 to 1000"); }
            if (r.GetValue(kicks) < 1) { r.AddError("--kicks must be at least 1"); }
            if (r.GetValue(warmup) < 0) { r.AddError("--warmup must not be negative"); }
        });
        chain.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
            await new ChainBench(parse.InvocationConfiguration.Output, TimeProvider.System)
                .RunAsync(External(parse, global), parse.GetValue(length), parse.GetValue(kicks), parse.GetValue(warmup), ct)));
        return chain;
    }

    private static Command Throughput(CliGlobalOptions global)
    {
        var seconds = new Option<double>("--seconds") { Description = "how long to send kicks", DefaultValueFactory = _ => 5 };
        var throughput = new Command("throughput",
            "Kicks per second one neuron processes while another client floods it with kicks.\nExample: pineurons bench throughput --seconds 5")
        {
            seconds,
        };
        throughput.Validators.Add(r =>
        {
            if (r.GetValue(seconds) is <= 0 or > 3600) { r.AddError("--seconds must be more than 0 and at most 3600"); }
        });
        throughput.SetAction((parse, ct) => CliErrors.GuardAsync(parse, async () =>
            await new ThroughputBench(parse.InvocationConfiguration.Output, TimeProvider.System)
                .RunAsync(External(parse, global), parse.GetValue(seconds), ct)));
        return throughput;
    }

    private static BrokerAddress? External(ParseResult parse, CliGlobalOptions global) =>
        parse.GetResult(global.Broker) is { Implicit: false } ? BrokerAddress.Parse(parse.GetValue(global.Broker)!) : null;
}
