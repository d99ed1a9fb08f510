using PiNeurons.Core;
using System.CommandLine;
using System.Globalization;
using System.Text;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Cli.Commands;

/// <summary><c>pineurons kick ID [--from SRC] [--hop N]</c>: one action potential, as an upstream neuron would send it.</summary>
internal static class KickCommand
{
    public static Command Create(MqttOptions mqttOptions)
    {
        ArgumentNullException.ThrowIfNull(mqttOptions);
        var id = new Argument<string>("ID") { Description = "the neuron to kick" };
        var from = new Option<string?>("--from")
        {
            Description = "the source the kick comes from: an upstream neuron id, or sensor:<name> (default: none, an external kick of weight 1)",
        };
        var hop = new Option<int?>("--hop") { Description = "cascade depth, sent as the MQTT 5 user property hop (default: absent = 0)" };
        var force = CommandContext.NewForceOption();
        var command = new Command(
            "kick",
            "Kick a neuron once, as if SRC fired (weighted by its weights[SRC]); without --from, an external kick of weight 1.\n"
            + "Example: pineurons kick h1 --from x      (prints 'kicked h1 (from x)')");
        command.Arguments.Add(id);
        command.Options.Add(from);
        command.Options.Add(hop);
        command.Options.Add(force);
        mqttOptions.AddTo(command);
        command.SetAction((pr, ct) => CommandContext.RunAsync(pr, mqttOptions, async context =>
        {
            var target = CommandContext.RequireId(pr.GetValue(id));
            var source = pr.GetValue(from);
            if (source is not null && !IsValidSource(source))
            {
                throw new CliUsageException($"--from '{NeuronId.Describe(source)}' is not a valid source: use a neuron id ({NeuronId.Rule}) or sensor:<name>");
            }

            var depth = pr.GetValue(hop);
            if (depth is < 0)
            {
                throw new CliUsageException($"--hop {depth} must be a whole number >= 0");
            }

            var topics = context.Topics.For(target);
            await using var mqtt = await context.ConnectAsync();
            await context.RequireKnownAsync(mqtt, target, pr.GetValue(force));
            await context.PublishAsync(
                mqtt,
                topics.Kick,
                source is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(source),
                "the kick",
                depth is { } value ? (ProtocolLimits.HopProperty, value.ToString(CultureInfo.InvariantCulture)) : null);
            var what = source is null ? "external" : "from " + source;
            await context.Output.WriteLineAsync($"kicked {target} ({what}{(depth is { } d ? $", hop {d}" : "")})");
            return ExitCodes.Ok;
        }, ct, bounded: true));
        return command;
    }

    // docs/protocol.md: a source is a neuron id or sensor:<name>; button and external are ids too.
    private static bool IsValidSource(string source) =>
        NeuronId.IsValid(source) || (source.StartsWith("sensor:", StringComparison.Ordinal) && NeuronId.IsValid(source.AsSpan("sensor:".Length)));
}
