using System.Globalization;
using System.Text.Json;

namespace PiNeurons.Aggregator.Storage;

/// <summary>
/// Reads the time a neuron wrote on its event (<c>at</c>) and whether it said its clock was unsynchronized. Ingest and
/// the upgrade of an older database both read them here, so the identity of a stored event and of a late copy of it
/// (<see cref="IncomingEvent.IdentityAt"/>) come out the same.
/// </summary>
internal static class EventTime
{
    /// <summary>Parses an event's <c>at</c>; a time without an offset is UTC, as the protocol writes it with <c>Z</c>.</summary>
    public static bool TryParse(string? text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);

    /// <summary>True when the event says <c>"clock":"unsynchronized"</c> (docs/protocol.md section 9).</summary>
    public static bool SaysUnsynchronized(JsonElement root) =>
        root.TryGetProperty("clock", out var clock) && clock.ValueKind == JsonValueKind.String && clock.GetString() == "unsynchronized";

    /// <summary>
    /// The <c>at</c> a stored payload carries when it says its clock was unsynchronized: the time the aggregator did
    /// not file it by. Null for any other payload, including one that no longer parses.
    /// </summary>
    public static DateTimeOffset? UnsynchronizedAtOf(string payload)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && SaysUnsynchronized(root)
                && root.TryGetProperty("at", out var at)
                && at.ValueKind == JsonValueKind.String
                && TryParse(at.GetString(), out var time)
                ? time.ToUniversalTime()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
