using System.CommandLine;
using System.Text;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Commands;

/// <summary><c>pineurons query ID [--json] [--log]</c>: ask a neuron for its state and wait for the answer.</summary>
internal static class QueryCommand
{
    private static readonly byte[] IncludeLog = Encoding.UTF8.GetBytes("""{"include":["log"]}""");

    public static Command Create(CliGlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var id = new Argument<string>("ID") { Description = "the neuron to ask" };
        var json = new Option<bool>("--json") { Description = "print the state JSON as the neuron sent it" };
        var log = new Option<bool>("--log") { Description = "also ask for the neuron's recent events (payload {\"include\":[\"log\"]})" };
        var command = new Command(
            "query",
            "Ask a neuron for its state: request on <root>/<ID>/query with an MQTT 5 response topic, wait up to "
            + "--timeout for the answer, and print output, potential, firedCount, lastFiredAt and its config.\n"
            + "Example: pineurons query h2 --log      (exit 4 if h2 does not answer: is it online?)");
        command.Arguments.Add(id);
        command.Options.Add(json);
        command.Options.Add(log);
        command.SetAction((pr, ct) => CommandContext.RunAsync(pr, global, async context =>
        {
            var target = CommandContext.RequireId(pr.GetValue(id));
            var topics = context.Topics.For(target);
            await using var mqtt = await context.ConnectAsync();
            var answer = await context.RequestAsync(mqtt, topics, topics.Query, pr.GetValue(log) ? IncludeLog : ReadOnlyMemory<byte>.Empty);
            var reply = NeuronReply.Parse(answer.PayloadSpan());
            if (pr.GetValue(json))
            {
                await context.Output.WriteLineAsync(reply.Raw);
                return reply.State is null ? CliExitCodes.Failed : CliExitCodes.Ok;
            }

            if (reply.State is null)
            {
                await context.Error.WriteLineAsync(reply.RefusalReason is { } reason
                    ? $"{target} refused the query: {reason}"
                    : $"{target} answered something that is not a state: {reply.Raw}");
                return CliExitCodes.Failed;
            }

            foreach (var line in StateFormatter.Format(reply.State, new WatchLineFormatter(TimeZoneInfo.Local)))
            {
                await context.Output.WriteLineAsync(line);
            }

            return CliExitCodes.Ok;
        }, ct));
        return command;
    }
}
