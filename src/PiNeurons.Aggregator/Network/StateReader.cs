using PiNeurons.Core.Configuration;
using System.Text.Json;

namespace PiNeurons.Aggregator.Network;

/// <summary>Pulls what the graph, the version check and the learning badge need out of a neuron's state JSON, tolerating anything else in it.</summary>
internal static class StateReader
{
    /// <summary>The rule of a neuron that does not learn.</summary>
    public const string NoLearning = "none";

    public static (double? Threshold, long? FiredCount, string[] Connections, Dictionary<string, double> Weights, string? Version, string? Learning, int? HeartbeatSeconds) Read(JsonElement state)
    {
        int? heartbeat = null;
        double? threshold = null;
        long? firedCount = null;
        string? version = null;
        string? learning = null;
        string[] connections = [];
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        if (state.ValueKind != JsonValueKind.Object)
        {
            return (threshold, firedCount, connections, weights, version, learning, heartbeat);
        }

        // Optional: nodes older than the field do not publish it (docs/protocol.md section 4).
        if (state.TryGetProperty("version", out var ver) && ver.ValueKind == JsonValueKind.String && ver.GetString() is { Length: > 0 } text)
        {
            version = text;
        }

        // Optional too (nodes older than the heartbeat); an interval below a second is no interval at all.
        if (state.TryGetProperty("heartbeatSeconds", out var hb) && WholeNumber.TryRead(hb, out long beat) && beat is >= 1 and <= int.MaxValue)
        {
            heartbeat = (int)beat;
        }

        if (state.TryGetProperty("firedCount", out var fc) && WholeNumber.TryRead(fc, out long count))
        {
            firedCount = count;
        }

        if (state.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object)
        {
            if (config.TryGetProperty("threshold", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetDouble(out var value))
            {
                threshold = value;
            }

            if (config.TryGetProperty("connections", out var c) && c.ValueKind == JsonValueKind.Array)
            {
                connections = [.. c.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Distinct(StringComparer.Ordinal)];
            }

            // Nodes older than learning omit it; they learn nothing, as a rule of "none" says.
            if (config.TryGetProperty("learning", out var l) && l.ValueKind == JsonValueKind.Object
                && l.TryGetProperty("rule", out var rule) && rule.ValueKind == JsonValueKind.String
                && rule.GetString() is { Length: > 0 } name && name != NoLearning)
            {
                learning = name;
            }

            if (config.TryGetProperty("weights", out var w) && w.ValueKind == JsonValueKind.Object)
            {
                foreach (var weight in w.EnumerateObject())
                {
                    if (weight.Value.ValueKind == JsonValueKind.Number && weight.Value.TryGetDouble(out var v))
                    {
                        weights[weight.Name] = v;
                    }
                }
            }
        }

        return (threshold, firedCount, connections, weights, version, learning, heartbeat);
    }

}
