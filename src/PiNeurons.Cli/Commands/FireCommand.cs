using System.CommandLine;

namespace PiNeurons.Cli.Commands;

/// <summary><c>pineurons fire ID</c>: make a neuron fire now, whatever its inputs.</summary>
internal static class FireCommand
{
    public static Command Create(CliGlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var id = new Argument<string>("ID") { Description = "the neuron to fire" };
        var command = new Command(
            "fire",
            "Make a neuron fire now, ignoring its inputs, threshold and refractory period: publish an empty "
            + "payload to <root>/<ID>/fire (QoS 1). It kicks its connections as after any firing.\n"
            + "Example: pineurons fire x      (x's LED pulses, h1 and h2 get a kick from x)");
        command.Arguments.Add(id);
        command.SetAction((pr, ct) => CommandContext.RunAsync(pr, global, async context =>
        {
            var target = CommandContext.RequireId(pr.GetValue(id));
            var topics = context.Topics.For(target);
            await using var mqtt = await context.ConnectAsync();
            await mqtt.PublishAsync(topics.Fire, ReadOnlyMemory<byte>.Empty, ct: ct);
            await context.Output.WriteLineAsync($"fired {target}");
            return CliExitCodes.Ok;
        }, ct));
        return command;
    }
}
