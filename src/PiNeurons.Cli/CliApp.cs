using System.CommandLine;
using PiNeurons.Cli.Bench;
using PiNeurons.Cli.Commands;
using PiNeurons.Cli.Demo;
using PiNeurons.Cli.Flash;
using PiNeurons.Cli.Inventory;
using PiNeurons.Cli.Secrets;

namespace PiNeurons.Cli;

/// <summary>The <c>pineurons</c> command tree. Each command lives in its own file and adds itself here.</summary>
internal static class CliApp
{
    public static RootCommand Build(CliGlobalOptions global)
    {
        var root = new RootCommand(
            "pineurons: drive and watch PiNeurons neurons over MQTT, run the XOR demo, and measure a hop.\n"
            + "Neurons are addressed by id (1-64 of A-Z a-z 0-9 _ -); topics are <root>/<id>/<command>.");
        global.AddTo(root);
        root.Subcommands.Add(KickCommand.Create(global));
        root.Subcommands.Add(FireCommand.Create(global));
        root.Subcommands.Add(QueryCommand.Create(global));
        root.Subcommands.Add(SetCommand.Create(global));
        root.Subcommands.Add(WatchCommand.Create(global));
        root.Subcommands.Add(ApplyCommand.Create(global));
        root.Subcommands.Add(DemoCommand.Create(global));
        root.Subcommands.Add(BenchCommand.Create(global));
        root.Subcommands.Add(FlashCommand.Create(global));
        root.Subcommands.Add(InventoryCommand.Create(global));
        root.Subcommands.Add(SecretsCommand.Create(global));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken ct = default)
    {
        var global = new CliGlobalOptions();
        var root = Build(global);
        var config = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
        };
        var parse = root.Parse(args);
        return await parse.InvokeAsync(config, ct);
    }
}
