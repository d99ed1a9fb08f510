using System.CommandLine;
using System.CommandLine.Invocation;
using PiNeurons.Cli.Bench;
using PiNeurons.Cli.Commands;
using PiNeurons.Cli.Demo;
using PiNeurons.Cli.Flash;
using PiNeurons.Cli.Inventory;
using PiNeurons.Cli.Secrets;
using PiNeurons.Core;

namespace PiNeurons.Cli;

/// <summary>The <c>pineurons</c> command tree. Each command lives in its own file and adds itself here.</summary>
internal static class CliApp
{
    public static RootCommand Build(MqttOptions mqttOptions)
    {
        var root = new RootCommand(
            "pineurons: drive and watch PiNeurons neurons over MQTT, run the XOR demo, deploy a cluster.\n"
            + "Every command has --help with an example; docs/cli.md has the details.");
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionAction();
        }

        root.Subcommands.Add(StatusCommand.Create(mqttOptions));
        root.Subcommands.Add(KickCommand.Create(mqttOptions));
        root.Subcommands.Add(FireCommand.Create(mqttOptions));
        root.Subcommands.Add(QueryCommand.Create(mqttOptions));
        root.Subcommands.Add(SetCommand.Create(mqttOptions));
        root.Subcommands.Add(TeachCommand.Create(mqttOptions));
        root.Subcommands.Add(WatchCommand.Create(mqttOptions));
        root.Subcommands.Add(ApplyCommand.Create(mqttOptions));
        root.Subcommands.Add(DemoCommand.Create(mqttOptions));
        root.Subcommands.Add(BenchCommand.Create(mqttOptions));
        root.Subcommands.Add(FlashCommand.Create());
        root.Subcommands.Add(InventoryCommand.Create(mqttOptions));
        root.Subcommands.Add(SecretsCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken ct = default)
    {
        var root = Build(new MqttOptions());
        var config = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
        };
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            // Every bad command line exits 2, as the table in docs/cli.md says, with the errors and where help is,
            // instead of the whole help text after them.
            foreach (var problem in parse.Errors)
            {
                await config.Error.WriteLineAsync(problem.Message);
            }

            // Named pineurons whatever the executable is called (dotnet pineurons.dll, a test host).
            var command = string.Join(' ', parse.CommandResult.Command.Parents.OfType<Command>().Reverse().Append(parse.CommandResult.Command)
                .Select(c => c is RootCommand ? "pineurons" : c.Name));
            await config.Error.WriteLineAsync($"Run '{command} --help' for its options and an example.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(config, ct);
    }

    /// <summary>--version: the version and the commit, the same line as the node's and the aggregator's.</summary>
    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(BuildInfo.Describe("pineurons"));
            return ExitCodes.Ok;
        }
    }
}
