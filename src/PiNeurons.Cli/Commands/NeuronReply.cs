using System.Text.Json;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Cli.Commands;

/// <summary>
/// A neuron's answer to <c>query</c> or <c>set</c>: its state JSON, or an error event
/// (<c>"type":"error"</c> with <c>"reason"</c>) when it refused (NeuronRuntime answers both on the response topic).
/// </summary>
internal sealed record NeuronReply(StateMessage? State, string? RefusalReason, string Raw)
{
    public static NeuronReply Parse(ReadOnlySpan<byte> payload)
    {
        var raw = System.Text.Encoding.UTF8.GetString(payload);
        try
        {
            using var doc = JsonDocument.Parse(payload.ToArray());
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new NeuronReply(null, null, raw);
            }

            if (doc.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "error")
            {
                var reason = doc.RootElement.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                return new NeuronReply(null, reason ?? "(no reason given)", raw);
            }

            return new NeuronReply(doc.RootElement.Deserialize(ProtocolJsonContext.Default.StateMessage), null, raw);
        }
        catch (JsonException)
        {
            return new NeuronReply(null, null, raw);
        }
    }
}
