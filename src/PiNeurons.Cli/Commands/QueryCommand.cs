using PiNeurons.Core;
using System.CommandLine;
using System.Text;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Commands;

/// <summary><c>pineurons query ID [--json] [--log]</c>: ask a neuron for its state and wait for the answer.</summary>
internal static class QueryCommand
{
    private static readonly byte[] IncludeLog = Encoding.UTF8.GetBytes("""{"include":["log"]}""");

    public static Command Create(MqttOptions mqttOptions)
    {
        ArgumentNullException.ThrowIfNull(mqttOptions);
        var id = new Argument<string>("ID") { Description = "the neuron to ask" };
        var json = new Option<bool>("--json") { Description = "print the state JSON as the neuron sent it" };
        var log = new Option<bool>("--log") { Description = "also ask for the neuron's recent events (payload {\"include\":[\"log\"]})" };
        var force = CommandContext.NewForceOption();
        var command = new Command(
            "query",
            "Ask a neuron for its state and config, and print them (exit 4 when it does not answer in time).\n"
            + "Example: pineurons query h2 --log");
        command.Arguments.Add(id);
        command.Options.Add(json);
        command.Options.Add(log);
        command.Options.Add(force);
        mqttOptions.AddTo(command);
        command.SetAction((pr, ct) => CommandContext.RunAsync(pr, mqttOptions, async context =>
        {
            var target = CommandContext.RequireId(pr.GetValue(id));
            var topics = context.Topics.For(target);
            await using var mqtt = await context.ConnectAsync();
            await context.RequireKnownAsync(mqtt, target, pr.GetValue(force));
            var answer = await context.RequestAsync(mqtt, topics, topics.Query, pr.GetValue(log) ? IncludeLog : ReadOnlyMemory<byte>.Empty);
            var reply = NeuronReply.Parse(answer.PayloadSpan());
            if (pr.GetValue(json))
            {
                await context.Output.WriteLineAsync(reply.Raw);
                return reply.State is null ? ExitCodes.Failed : ExitCodes.Ok;
            }

            if (reply.State is null)
            {
                await context.Error.WriteLineAsync(reply.RefusalReason is { } reason
                    ? $"{target} refused the query: {reason}"
                    : $"{target} answered something that is not a state: {reply.Raw}");
                return ExitCodes.Failed;
            }

            foreach (var line in StateFormatter.Format(reply.State, new WatchLineFormatter(TimeZoneInfo.Local)))
            {
                await context.Output.WriteLineAsync(line);
            }

            return ExitCodes.Ok;
        }, ct, bounded: true));
        return command;
    }
}
