using PiNeurons.Core;
using System.CommandLine;
using System.Text;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Commands;

/// <summary><c>pineurons set ID key=value ...</c>: change a neuron's config and show what it now runs with.</summary>
internal static class SetCommand
{
    public static Command Create(MqttOptions mqttOptions)
    {
        ArgumentNullException.ThrowIfNull(mqttOptions);
        var id = new Argument<string>("ID") { Description = "the neuron to change" };
        var assignments = new Argument<string[]>("KEY=VALUE")
        {
            Description = "threshold=0.9, refractoryMs=100, weights.x=1, weights.x=null (remove), connections=z,h1 "
                + "(replace; empty clears), +connections=z or addConnections=z,h3, -connections=h1 or removeConnections=h1",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var json = new Option<string?>("--json") { Description = "the whole JSON merge patch instead of KEY=VALUE pairs, e.g. '{\"threshold\":0.9}'" };
        var force = CommandContext.NewForceOption();
        var command = new Command(
            "set",
            "Change a neuron's config; it applies the whole change or refuses it with a reason (exit 1).\n"
            + "Example: pineurons set h2 threshold=1.9 weights.x=1 weights.old=null +connections=z");
        command.Arguments.Add(id);
        command.Arguments.Add(assignments);
        command.Options.Add(json);
        command.Options.Add(force);
        mqttOptions.AddTo(command);
        command.SetAction((pr, ct) => CommandContext.RunAsync(pr, mqttOptions, async context =>
        {
            var target = CommandContext.RequireId(pr.GetValue(id));
            var pairs = pr.GetValue(assignments) ?? [];
            var whole = pr.GetValue(json);
            if (whole is not null && pairs.Length > 0)
            {
                throw new CliUsageException("give either KEY=VALUE pairs or --json, not both");
            }

            var patch = whole is not null ? SetPatchParser.ParseJson(whole) : SetPatchParser.Parse(pairs);
            var topics = context.Topics.For(target);
            await using var mqtt = await context.ConnectAsync();
            await context.RequireKnownAsync(mqtt, target, pr.GetValue(force));
            var answer = await context.RequestAsync(mqtt, topics, topics.Set, Encoding.UTF8.GetBytes(patch.ToJsonString()));
            var reply = NeuronReply.Parse(answer.PayloadSpan());
            if (reply.RefusalReason is { } reason)
            {
                await context.Error.WriteLineAsync($"{target} refused the change: {reason}");
                return ExitCodes.Failed;
            }

            if (reply.State is null)
            {
                await context.Error.WriteLineAsync($"{target} answered something that is neither a state nor an error: {reply.Raw}");
                return ExitCodes.Failed;
            }

            await context.Output.WriteLineAsync($"{target} applied the change; its config is now:");
            foreach (var line in StateFormatter.FormatConfig(reply.State.Config))
            {
                await context.Output.WriteLineAsync("  " + line);
            }

            return ExitCodes.Ok;
        }, ct, bounded: true));
        return command;
    }
}
