using PiNeurons.Core.Configuration;
using System.Text;
using System.Text.Json;
using PiNeurons.Aggregator.Storage;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Aggregator.Ingest;

/// <summary>
/// Reads one <c>&lt;root&gt;/&lt;id&gt;/events</c> payload. Lenient about what it does not know (a newer
/// neuron's extra fields are kept in the stored payload), strict about what the store relies on.
/// </summary>
public static class EventParser
{
    /// <summary>The longest event type accepted; the protocol's are all short words.</summary>
    public const int MaxTypeLength = 32;

    /// <summary>Parses <paramref name="payload"/>, published on the events topic of <paramref name="topicId"/>.</summary>
    /// <returns>The event, or null with <paramref name="rejection"/> saying why it cannot be stored.</returns>
    public static IncomingEvent? Parse(string topicId, ReadOnlySpan<byte> payload, DateTimeOffset receivedAt, out string? rejection)
    {
        rejection = null;
        if (payload.Length > ProtocolLimits.MaxPayloadBytes)
        {
            rejection = "oversized";
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(payload.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                rejection = "not-an-object";
                return null;
            }

            var id = String(root, "id");
            if (id is null || !NeuronId.IsValid(id) || !string.Equals(id, topicId, StringComparison.Ordinal))
            {
                rejection = "bad-id";
                return null;
            }

            if (!root.TryGetProperty("seq", out var seqElement) || !WholeNumber.TryRead(seqElement, out long seq) || seq < 0)
            {
                rejection = "bad-seq";
                return null;
            }

            var type = String(root, "type");
            if (type is null || type.Length is 0 or > MaxTypeLength || !type.All(IsTypeChar))
            {
                rejection = "bad-type";
                return null;
            }

            if (!EventTime.TryParse(String(root, "at"), out var at))
            {
                rejection = "bad-at";
                return null;
            }

            // A neuron whose clock is not set yet says so (a Pi before NTP): its at may be 1970, so the
            // timeline files the event by its arrival instead. What it wrote stays the event's identity.
            var unsynchronized = EventTime.SaysUnsynchronized(root);
            var neuronAt = at.ToUniversalTime();
            if (unsynchronized)
            {
                at = receivedAt;
            }

            int? hop = root.TryGetProperty("hop", out var hopElement) && WholeNumber.TryRead(hopElement, out int h) ? h : null;
            return new IncomingEvent(
                id,
                seq,
                type,
                String(root, "from"),
                at.ToUniversalTime(),
                hop,
                String(root, "reason"),
                receivedAt,
                Encoding.UTF8.GetString(payload))
            {
                ClockUnsynchronized = unsynchronized,
                NeuronAt = unsynchronized ? neuronAt : null,
            };
        }
        catch (JsonException)
        {
            rejection = "malformed-json";
            return null;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Types become metric labels and filter values: keep them to a safe alphabet.
    private static bool IsTypeChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or ':';
}
