using System.Text.Json;
using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Api;

/// <summary>
/// What a <c>learned</c> event changed, read back from the payload as the neuron published it (the store keeps it
/// whole), so the timeline and the page need not parse it: a weight (the edge <c>from -&gt; neuron</c>) or the
/// neuron's threshold, from <see cref="Old"/> to <see cref="New"/>, by its learning rule.
/// </summary>
/// <param name="Rule">The rule that learned: <c>perceptron</c>, <c>stdp</c>.</param>
/// <param name="Field"><c>weight</c> or <c>threshold</c>.</param>
/// <param name="Old">The value before.</param>
/// <param name="New">The value after.</param>
public sealed record LearnedModel(string? Rule, string? Field, double? Old, double? New)
{
    /// <summary>The event type a learning rule emits for each change it makes.</summary>
    public const string EventType = "learned";

    /// <summary>The change a learned event carries; null for an event of another type or a payload that says none.</summary>
    public static LearnedModel? Of(IncomingEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Type != EventType)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(e.Payload);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var model = new LearnedModel(Text(root, "rule"), Text(root, "field"), Number(root, "old"), Number(root, "new"));
            return model is { Rule: null, Field: null, Old: null, New: null } ? null : model;
        }
        catch (JsonException)
        {
            // The store keeps only payloads that parsed once; a learned event that says nothing readable just shows no change.
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : null;
}
