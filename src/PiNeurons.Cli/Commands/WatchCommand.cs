using PiNeurons.Core;
using System.CommandLine;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Commands;

/// <summary><c>pineurons watch [ID...]</c>: one merged live timeline of events and status changes.</summary>
internal static class WatchCommand
{
    public static Command Create(MqttOptions mqttOptions)
    {
        ArgumentNullException.ThrowIfNull(mqttOptions);
        var ids = new Argument<string[]>("ID") { Description = "neurons to watch (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "print each event's JSON as sent (status changes as {\"id\":..,\"type\":\"status\",\"status\":..})" };
        var count = new Option<int?>("--count") { Description = "exit after N live lines (retained statuses shown at start do not count)" };
        var command = new Command(
            "watch",
            "Follow neurons' events and status changes live, one line each (all neurons without ID); Ctrl+C ends it.\n"
            + "Example: pineurons watch h1 z      (18:00:00.123  h1   #42  fired       from x  hop 1)");
        command.Arguments.Add(ids);
        command.Options.Add(json);
        command.Options.Add(count);
        mqttOptions.AddTo(command);
        command.SetAction((pr, ct) => CommandContext.RunAsync(pr, mqttOptions, async context =>
        {
            var targets = (pr.GetValue(ids) ?? []).Select(i => CommandContext.RequireId(i)).Distinct(StringComparer.Ordinal).ToList();
            var limit = pr.GetValue(count);
            if (limit is <= 0)
            {
                throw new CliUsageException($"--count {limit} must be at least 1");
            }

            var filters = targets.Count == 0
                ? [context.Topics.AllEvents, context.Topics.AllStatus]
                : targets.SelectMany(t => new[] { context.Topics.For(t).Events, context.Topics.For(t).Status }).ToList();
            await using var mqtt = await context.ConnectAsync();
            await mqtt.SubscribeAsync(filters, ct);
            // On Error, so stdout stays the timeline alone for scripts (and tests know the subscription is in place).
            await context.Error.WriteLineAsync($"watching {string.Join(", ", filters)} (Ctrl+C to stop)");
            try
            {
                await FollowAsync(context, mqtt, pr.GetValue(json), limit, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl+C is how a watch ends.
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static async Task FollowAsync(CommandContext context, MqttRequestClient mqtt, bool json, int? limit, CancellationToken ct)
    {
        var formatter = new WatchLineFormatter(TimeZoneInfo.Local);
        var seen = 0;
        await foreach (var (message, _) in mqtt.Incoming.ReadAllAsync(ct))
        {
            if (!context.Topics.TrySplit(message.Topic, out var id, out var leaf))
            {
                continue;
            }

            var payload = message.PayloadAsString();
            string line;
            if (leaf == "status")
            {
                line = json ? WatchLineFormatter.StatusJson(id, payload) : formatter.FormatStatus(id, payload, context.Time.GetUtcNow());
            }
            else if (json)
            {
                line = payload;
            }
            else
            {
                line = WatchLineFormatter.TryParseEvent(message.PayloadSpan()) is { } e
                    ? formatter.FormatEvent(e)
                    : $"{formatter.FormatTime(context.Time.GetUtcNow())}  {id.PadRight(4)} (not an event) {payload}";
            }

            await context.Output.WriteLineAsync(line);
            await context.Output.FlushAsync(ct);
            if (!message.Retain && limit is { } n && ++seen >= n)
            {
                return;
            }
        }
    }
}
