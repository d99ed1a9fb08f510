using PiNeurons.Core.Configuration;
using System.Globalization;
using PiNeurons.Aggregator.Ingest;
using PiNeurons.Aggregator.Storage;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Aggregator.Api;

/// <summary>Reads and checks the query string of <c>GET /api/events</c>; every problem names the parameter.</summary>
internal static class ApiRequests
{
    public static EventQuery ParseEventQuery(IQueryCollection query, out string? error)
    {
        error = null;
        var neuron = Single(query, "neuron");
        if (neuron is not null && !NeuronId.IsValid(neuron))
        {
            error = $"neuron '{neuron}' is not a neuron id ({NeuronId.Rule})";
        }

        var type = Single(query, "type");
        if (type is not null && (type.Length is 0 or > EventParser.MaxTypeLength))
        {
            error ??= $"type '{type}' is not an event type (kicked, fired, refractory, config, button, sensor, error, learned, decided)";
        }

        var since = Time(query, "since", ref error);
        var until = Time(query, "until", ref error);
        var limit = EventQuery.DefaultLimit;
        if (Single(query, "limit") is { } limitText
            && (!WholeNumber.TryParse(limitText, out limit) || limit is < 1 or > EventQuery.MaxLimit))
        {
            error ??= $"limit '{limitText}' must be a whole number from 1 to {EventQuery.MaxLimit}";
        }

        long? before = null;
        if (Single(query, "before") is { } beforeText)
        {
            if (long.TryParse(beforeText, NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b > 0)
            {
                before = b;
            }
            else
            {
                error ??= $"before '{beforeText}' must be an event id (a positive whole number)";
            }
        }

        return new EventQuery(neuron, type, since, until, before, limit);
    }

    public static string NextLink(EventQuery q, long lastId)
    {
        var parts = new List<string>();
        Add(parts, "neuron", q.Neuron);
        Add(parts, "type", q.Type);
        Add(parts, "since", q.Since?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add(parts, "until", q.Until?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add(parts, "limit", q.Limit.ToString(CultureInfo.InvariantCulture));
        Add(parts, "before", lastId.ToString(CultureInfo.InvariantCulture));
        return "/api/events?" + string.Join('&', parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (value is not null)
        {
            parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name, ref string? error)
    {
        if (Single(query, name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            return t.ToUniversalTime();
        }

        error ??= $"{name} '{text}' is not a time: use ISO 8601, e.g. 2026-11-27T18:00:00Z";
        return null;
    }

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var v) && v.Count > 0 && !string.IsNullOrEmpty(v[^1]) ? v[^1] : null;
}
