using PiNeurons.Core;
using System.CommandLine;

namespace PiNeurons.Cli.Commands;

/// <summary><c>pineurons fire ID</c>: make a neuron fire now, whatever its inputs.</summary>
internal static class FireCommand
{
    public static Command Create(MqttOptions mqttOptions)
    {
        ArgumentNullException.ThrowIfNull(mqttOptions);
        var id = new Argument<string>("ID") { Description = "the neuron to fire" };
        var force = CommandContext.NewForceOption();
        var command = new Command(
            "fire",
            "Make a neuron fire now, whatever its inputs and threshold; it kicks its connections.\n"
            + "Example: pineurons fire x      (x's LED pulses, h1 and h2 get a kick from x)");
        command.Arguments.Add(id);
        command.Options.Add(force);
        mqttOptions.AddTo(command);
        command.SetAction((pr, ct) => CommandContext.RunAsync(pr, mqttOptions, async context =>
        {
            var target = CommandContext.RequireId(pr.GetValue(id));
            var topics = context.Topics.For(target);
            await using var mqtt = await context.ConnectAsync();
            await context.RequireKnownAsync(mqtt, target, pr.GetValue(force));
            await context.PublishAsync(mqtt, topics.Fire, ReadOnlyMemory<byte>.Empty, "the fire command");
            await context.Output.WriteLineAsync($"fired {target}");
            return ExitCodes.Ok;
        }, ct, bounded: true));
        return command;
    }
}
