using System.CommandLine;
using System.Globalization;
using PiNeurons.Core;
using PiNeurons.Core.Model;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Commands;

/// <summary><c>pineurons teach ID 1|0</c>: tell a perceptron neuron what its last decision should have been, and show what it learned.</summary>
internal static class TeachCommand
{
    public static Command Create(MqttOptions mqttOptions)
    {
        ArgumentNullException.ThrowIfNull(mqttOptions);
        var id = new Argument<string>("ID") { Description = "the neuron to teach (its learning.rule must be perceptron)" };
        var target = new Argument<string>("TARGET") { Description = "1: it should have fired; 0: it should not have" };
        var force = CommandContext.NewForceOption();
        var command = new Command(
            "teach",
            "Teach a perceptron neuron what its last decision should have been; it moves the weights of that decision's inputs "
            + "and its threshold, and this prints what changed (docs/learning.md).\n"
            + "Example: pineurons kick x; pineurons teach z 1      (z should have fired for x alone)");
        command.Arguments.Add(id);
        command.Arguments.Add(target);
        command.Options.Add(force);
        mqttOptions.AddTo(command);
        command.SetAction((pr, ct) => CommandContext.RunAsync(pr, mqttOptions, async context =>
        {
            var neuron = CommandContext.RequireId(pr.GetValue(id));
            var value = pr.GetValue(target) switch
            {
                "1" => 1,
                "0" => 0,
                var other => throw new CliUsageException($"TARGET must be 1 (it should have fired) or 0 (it should not have), got '{other}'"),
            };
            var topics = context.Topics.For(neuron);
            await using var mqtt = await context.ConnectAsync();
            await context.RequireKnownAsync(mqtt, neuron, pr.GetValue(force));
            var before = NeuronReply.Parse((await context.RequestAsync(mqtt, topics, topics.Query, ReadOnlyMemory<byte>.Empty)).PayloadSpan()).State;
            var payload = System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"target\":{value}}}"));
            var answer = await context.RequestAsync(mqtt, topics, topics.Teach, payload);
            var reply = NeuronReply.Parse(answer.PayloadSpan());
            if (reply.RefusalReason is { } reason)
            {
                await context.Error.WriteLineAsync($"{neuron} learned nothing: {reason}");
                return ExitCodes.Failed;
            }

            if (reply.State is null)
            {
                await context.Error.WriteLineAsync($"{neuron} answered something that is neither a state nor an error: {reply.Raw}");
                return ExitCodes.Failed;
            }

            var changes = before is null ? [] : Changes(before.Config, reply.State.Config);
            await context.Output.WriteLineAsync(changes.Count == 0
                ? $"{neuron} was already right (target {value}): nothing to learn"
                : $"{neuron} learned (target {value}): {string.Join(", ", changes)}");
            return ExitCodes.Ok;
        }, ct, bounded: true));
        return command;
    }

    // "threshold 0.9 -> 0.8", "weights.h1 0.5 -> 0.6": the names set takes, so a change can be undone by hand.
    private static List<string> Changes(NeuronConfig before, NeuronConfig after)
    {
        var changes = new List<string>();
        if (before.Threshold != after.Threshold)
        {
            changes.Add(Change("threshold", before.Threshold, after.Threshold));
        }

        foreach (var source in after.Weights.Keys.Union(before.Weights.Keys).Order(StringComparer.Ordinal))
        {
            var (old, now) = (before.WeightOf(source), after.WeightOf(source));
            if (old != now)
            {
                changes.Add(Change("weights." + source, old, now));
            }
        }

        return changes;
    }

    private static string Change(string name, double old, double now) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} {old} -> {now}");
}
