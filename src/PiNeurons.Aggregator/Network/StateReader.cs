using PiNeurons.Core.Configuration;
using System.Text.Json;

namespace PiNeurons.Aggregator.Network;

/// <summary>Pulls what the graph and the version check need out of a neuron's state JSON, tolerating anything else in it.</summary>
internal static class StateReader
{
    public static (double? Threshold, long? FiredCount, string[] Connections, Dictionary<string, double> Weights, string? Version) Read(JsonElement state)
    {
        double? threshold = null;
        long? firedCount = null;
        string? version = null;
        string[] connections = [];
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        if (state.ValueKind != JsonValueKind.Object)
        {
            return (threshold, firedCount, connections, weights, version);
        }

        // Optional: nodes older than the field do not publish it (docs/protocol.md section 4).
        if (state.TryGetProperty("version", out var ver) && ver.ValueKind == JsonValueKind.String && ver.GetString() is { Length: > 0 } text)
        {
            version = text;
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

        return (threshold, firedCount, connections, weights, version);
    }
}
