using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Cli.Commands;

/// <summary><c>pineurons status [--manifest M] [--json]</c>: every neuron the broker knows of, from what the nodes retained.</summary>
internal static class StatusCommand
{
    public static Command Create(MqttOptions mqttOptions)
    {
        ArgumentNullException.ThrowIfNull(mqttOptions);
        var manifestOption = ManifestFile.NewOption("also list the manifest's neurons that never came online, as missing", required: false);
        var json = new Option<bool>("--json") { Description = "print one JSON document, for scripts" };
        var command = new Command(
            "status",
            "List the neurons under the root: online or offline, node version, fired count, last firing, clock; exit 1 when one is offline or missing.\n"
            + "Neurons that nothing retained shows online (no status, or offline) are asked directly with query, within half of what is left of --timeout.\n"
            + "Neurons running different versions are flagged on a last line (a warning: the exit code ignores it).\n"
            + "Example: pineurons status --manifest firmware-config/xor.yaml");
        command.Options.Add(manifestOption);
        command.Options.Add(json);
        mqttOptions.AddTo(command);
        command.SetAction((pr, ct) => CommandContext.RunAsync(pr, mqttOptions, async context =>
        {
            var manifest = pr.GetValue(manifestOption) is { } path ? await ManifestFile.LoadAsync(path, ct) : null;
            if (manifest is not null)
            {
                context.UseManifestDefaults(manifest.Root, manifest.Broker);
            }

            await using var mqtt = await context.ConnectAsync();
            context.Waiting = WaitStage.Directory;
            var directory = await NeuronDirectory.ReadAsync(mqtt, context.Topics, [context.Topics.AllStatus, context.Topics.AllState], context.Timeout, context.Cancellation);
            context.Waiting = WaitStage.Working;
            // Half of what is left of --timeout: the other half stays for printing whatever came, so an answer that never
            // comes costs time but never the whole command.
            var wait = context.Remaining / 2;
            var toAsk = NeuronStatusRow.ToAsk(directory, manifest);
            var answers = toAsk.Count == 0 ? null : await DirectQuery.AskAsync(mqtt, context.Topics, toAsk, wait, context.Cancellation);
            var rows = NeuronStatusRow.From(directory, manifest, answers);
            var versions = VersionSpread.Of(rows.Select(r => (r.Id, r.Version)));
            if (pr.GetValue(json))
            {
                await context.Output.WriteLineAsync(Json(context.Topics.Root, rows, versions).ToJsonString());
            }
            else
            {
                await WriteTableAsync(context, rows, versions, manifest is not null, wait);
            }

            if (!directory.Complete)
            {
                await context.Error.WriteLineAsync("the broker did not echo this tool's own message, so the list may be incomplete: "
                    + $"check that this login may publish to {context.Topics.Root}-replies/#");
            }

            return rows.Count > 0 && rows.All(r => r.Status == NeuronStatusRow.Online) ? ExitCodes.Ok : ExitCodes.Failed;
        }, ct, bounded: true));
        return command;
    }

    private static async Task WriteTableAsync(CommandContext context, IReadOnlyList<NeuronStatusRow> rows, VersionSpread versions, bool withHosts, TimeSpan wait)
    {
        if (rows.Count == 0)
        {
            await context.Output.WriteLineAsync($"no neuron is known under the root '{context.Topics.Root}' (nothing retained on {context.Topics.AllStatus}): "
                + "are the nodes running, and is --root right?");
            return;
        }

        var formatter = new WatchLineFormatter(TimeZoneInfo.Local);
        string[] header = withHosts ? ["neuron", "host", "status", "version", "fired", "last fired", "clock"] : ["neuron", "status", "version", "fired", "last fired", "clock"];
        var lines = rows.Select(r =>
        {
            string[] cells =
            [
                r.Id,
                r.Asked is { } asked ? $"{r.Status} ({asked.Mark})" : r.Status,
                r.Version is { } version ? NeuronStatusRow.Describe(version) : "-",
                r.FiredCount?.ToString(CultureInfo.InvariantCulture) ?? "-",
                r.LastFiredAt is { } at ? formatter.FormatTime(at) : "-",
                r.Clock ?? "-",
            ];
            return withHosts ? [cells[0], r.Host ?? "-", .. cells[1..]] : cells;
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, lines.Max(l => l[i].Length)) + 2).ToArray();
        await context.Output.WriteLineAsync(Row(header, widths));
        foreach (var line in lines)
        {
            await context.Output.WriteLineAsync(Row(line, widths));
        }

        var counts = rows.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        await context.Output.WriteLineAsync($"{rows.Count} neurons: {string.Join(", ", counts)}");
        if (AskedLine(rows, wait) is { } asked)
        {
            await context.Output.WriteLineAsync(asked);
        }

        if (MixedVersionsLine.For(versions) is { } mixed)
        {
            await context.Output.WriteLineAsync(mixed);
        }
    }

    // Which neurons were asked, because nothing retained showed them online, and which of them said nothing.
    private static string? AskedLine(IReadOnlyList<NeuronStatusRow> rows, TimeSpan wait)
    {
        var asked = rows.Where(r => r.Asked is not null).ToList();
        if (asked.Count == 0)
        {
            return null;
        }

        string Ids(string outcome) => string.Join(", ", asked.Where(r => r.Asked!.Outcome == outcome).Select(r => r.Id));
        var parts = new List<string>();
        if (Ids(DirectAnswer.Answered) is { Length: > 0 } answered)
        {
            parts.Add($"{answered} answered");
        }

        if (Ids(DirectAnswer.NoAnswer) is { Length: > 0 } silent)
        {
            parts.Add($"{silent} did not answer within {wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
        }

        if (Ids(DirectAnswer.Refused) is { Length: > 0 } refused)
        {
            parts.Add($"the broker refused this login the query of {refused}");
        }

        return $"asked directly, as nothing retained shows them online: {string.Join("; ", parts)}";
    }

    private static string Row(string[] cells, int[] widths) =>
        string.Concat(cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static JsonObject Json(string root, IReadOnlyList<NeuronStatusRow> rows, VersionSpread versions)
    {
        var neurons = new JsonArray();
        foreach (var r in rows)
        {
            neurons.Add(new JsonObject
            {
                ["id"] = r.Id,
                ["host"] = r.Host,
                ["status"] = r.Status,
                ["asked"] = r.Asked is not null,
                ["answered"] = r.Asked is { } asked ? asked.Outcome == DirectAnswer.Answered : null,
                ["version"] = r.Version,
                ["firedCount"] = r.FiredCount,
                ["lastFiredAt"] = r.LastFiredAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["clock"] = r.Clock,
            });
        }

        return new JsonObject
        {
            ["root"] = root,
            ["neurons"] = neurons,
            ["online"] = rows.Count(r => r.Status == NeuronStatusRow.Online),
            ["offline"] = rows.Count(r => r.Status == NeuronStatusRow.Offline),
            ["missing"] = rows.Count(r => r.Status == NeuronStatusRow.Missing),
            ["versions"] = new JsonArray([.. versions.Groups.Select(g => new JsonObject
            {
                ["version"] = g.Version,
                ["neurons"] = new JsonArray([.. g.Neurons.Select(id => JsonValue.Create(id))]),
            })]),
            ["mixedVersions"] = versions.Mixed,
        };
    }
}
