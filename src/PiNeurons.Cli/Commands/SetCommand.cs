using System.CommandLine;
using System.Text;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Commands;

/// <summary><c>pineurons set ID key=value ...</c>: change a neuron's config and show what it now runs with.</summary>
internal static class SetCommand
{
    public static Command Create(CliGlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var id = new Argument<string>("ID") { Description = "the neuron to change" };
        var assignments = new Argument<string[]>("KEY=VALUE")
        {
            Description = "threshold=0.9, refractoryMs=100, weights.x=1, weights.x=null (remove), connections=z,h1 "
                + "(replace; empty clears), +connections=z or addConnections=z,h3, -connections=h1 or removeConnections=h1",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var json = new Option<string?>("--json") { Description = "the whole JSON merge patch instead of KEY=VALUE pairs, e.g. '{\"threshold\":0.9}'" };
        var command = new Command(
            "set",
            "Change a neuron's config: send a JSON merge patch to <root>/<ID>/set and wait for the answer. The neuron "
            + "validates the whole result and applies it atomically, or refuses it and changes nothing (exit 1, with its reason).\n"
            + "Example: pineurons set h2 threshold=1.9 weights.x=1 weights.old=null +connections=z");
        command.Arguments.Add(id);
        command.Arguments.Add(assignments);
        command.Options.Add(json);
        command.SetAction((pr, ct) => CommandContext.RunAsync(pr, global, async context =>
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
            var answer = await context.RequestAsync(mqtt, topics, topics.Set, Encoding.UTF8.GetBytes(patch.ToJsonString()));
            var reply = NeuronReply.Parse(answer.PayloadSpan());
            if (reply.RefusalReason is { } reason)
            {
                await context.Error.WriteLineAsync($"{target} refused the change: {reason}");
                return CliExitCodes.Failed;
            }

            if (reply.State is null)
            {
                await context.Error.WriteLineAsync($"{target} answered something that is neither a state nor an error: {reply.Raw}");
                return CliExitCodes.Failed;
            }

            await context.Output.WriteLineAsync($"{target} applied the change; its config is now:");
            foreach (var line in StateFormatter.FormatConfig(reply.State.Config))
            {
                await context.Output.WriteLineAsync("  " + line);
            }

            return CliExitCodes.Ok;
        }, ct));
        return command;
    }
}
