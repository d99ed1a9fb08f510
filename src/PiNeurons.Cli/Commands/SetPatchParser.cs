using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Cli.Commands;

/// <summary>
/// Turns <c>key=value</c> arguments into the JSON merge patch of docs/protocol.md's <c>set</c>:
/// <c>threshold=0.9</c>, <c>weights.x=1</c> / <c>weights.x=null</c>, <c>connections=z,h1</c> (replace; empty clears),
/// <c>+connections=z</c> / <c>addConnections=z</c>, <c>-connections=h1</c> / <c>removeConnections=h1</c>.
/// Unknown keys are sent as they are: the neuron is the one that knows its fields, and refuses with a reason.
/// Pure; a bad argument throws <see cref="CliUsageException"/>.
/// </summary>
internal static class SetPatchParser
{
    private static readonly string[] NumericKeys =
        ["threshold", "refractoryMs", "inputLastingMs", "integrationWindowMs", "maxHops", "maxFiresPerSecond"];

    public static JsonObject Parse(IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var patch = new JsonObject();
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliUsageException($"'{NeuronId.Describe(assignment)}' is not key=value (e.g. threshold=0.9, weights.x=1, connections=z,h1)");
            }

            Apply(patch, assignment[..equals].Trim(), assignment[(equals + 1)..].Trim());
        }

        if (patch.Count == 0)
        {
            throw new CliUsageException("nothing to set: give key=value pairs (e.g. threshold=0.9) or --json '{...}'");
        }

        return patch;
    }

    /// <summary>A patch given whole with <c>--json</c>: any JSON object (the neuron validates the fields).</summary>
    public static JsonObject ParseJson(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject
                ?? throw new CliUsageException("--json must be a JSON object, e.g. '{\"threshold\":0.9}'");
        }
        catch (JsonException ex)
        {
            throw new CliUsageException($"--json is not valid JSON: {ex.Message.Split('\n')[0]}");
        }
    }

    private static void Apply(JsonObject patch, string key, string value)
    {
        switch (key)
        {
            case "connections":
                patch["connections"] = IdList(key, value);
                return;
            case "+connections" or "addConnections":
                Append(patch, "addConnections", IdList(key, value));
                return;
            case "-connections" or "removeConnections":
                Append(patch, "removeConnections", IdList(key, value));
                return;
        }

        if (key.StartsWith("weights.", StringComparison.Ordinal))
        {
            var source = key["weights.".Length..];
            if (source.Length == 0)
            {
                throw new CliUsageException("weights.<source>=<number|null> needs a source, e.g. weights.x=1");
            }

            if (patch["weights"] is not JsonObject weights)
            {
                weights = [];
                patch["weights"] = weights;
            }

            weights[source] = value == "null" ? null : Number(key, value);
            return;
        }

        if (key.StartsWith("learning.", StringComparison.Ordinal))
        {
            var field = key["learning.".Length..];
            if (patch["learning"] is not JsonObject learning)
            {
                learning = [];
                patch["learning"] = learning;
            }

            // The rule is a word; every parameter is a number (the neuron checks which ones its rule takes).
            learning[field] = value == "null" ? null : field == "rule" ? JsonValue.Create(value) : Number(key, value);
            return;
        }

        if (key.Length == 0 || key[0] is '+' or '-')
        {
            throw new CliUsageException($"'{NeuronId.Describe(key)}': only connections takes + or - (e.g. +connections=z)");
        }

        patch[key] = NumericKeys.Contains(key, StringComparer.Ordinal) ? Number(key, value) : Literal(value);
    }

    private static JsonArray IdList(string key, string value)
    {
        var list = new JsonArray();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            list.Add(CommandContext.RequireId(part, $"{key}: neuron id"));
        }

        return list;
    }

    private static void Append(JsonObject patch, string verb, JsonArray ids)
    {
        if (patch[verb] is not JsonArray existing)
        {
            patch[verb] = ids;
            return;
        }

        foreach (var id in ids.ToList())
        {
            ids.Remove(id);
            existing.Add(id);
        }
    }

    private static JsonValue Number(string key, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? JsonValue.Create(number)
            : throw new CliUsageException($"{key}: '{NeuronId.Describe(value)}' is not a number");

    // An unknown key's value goes out as JSON when it is JSON (1, true, null, [..], {..}, "..."), else as a string.
    private static JsonNode? Literal(string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return JsonValue.Create(value);
        }
    }
}
