using PiNeurons.Core.Configuration;
using System.Text.Json;
using PiNeurons.Core.Model;

namespace PiNeurons.Core.Protocol;

/// <summary>
/// Parses a kick payload (docs/protocol.md): a plain source id, JSON <c>{"from":"x","hop":n}</c>, or empty
/// (an external kick). This is the hot path of every hop, so the plain form is parsed without allocating.
/// </summary>
public static class KickParser
{
    /// <summary>Parses <paramref name="payload"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, SourceNameCache names, out KickRequest kick, out string? error)
    {
        ArgumentNullException.ThrowIfNull(names);
        kick = default;
        error = null;
        payload = TrimAscii(payload);
        if (payload.IsEmpty)
        {
            kick = new KickRequest(KickSources.External, null);
            return true;
        }

        if (payload[0] == (byte)'{')
        {
            return TryParseJson(payload, names, out kick, out error);
        }

        if (!IsValidSource(payload))
        {
            error = $"kick: '{Printable(payload)}' is not a valid source (a neuron id of {NeuronId.Rule}, or sensor:<name>)";
            return false;
        }

        kick = new KickRequest(names.Get(payload), null);
        return true;
    }

    private static bool TryParseJson(ReadOnlySpan<byte> payload, SourceNameCache names, out KickRequest kick, out string? error)
    {
        kick = default;
        error = null;
        string? from = null;
        int? hop = null;
        // Reading an unknown field's name would throw InvalidOperationException on invalid UTF-8.
        if (!System.Text.Unicode.Utf8.IsValid(payload))
        {
            error = "kick: malformed JSON (the payload is not valid UTF-8)";
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 4 });
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("from"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || !IsValidSource(reader.ValueSpan))
                    {
                        error = "kick: from must be a valid source string (a neuron id of " + NeuronId.Rule + ", or sensor:<name>)";
                        return false;
                    }

                    from = names.Get(reader.ValueSpan);
                }
                else if (reader.ValueTextEquals("hop"u8))
                {
                    reader.Read();
                    if (!WholeNumber.TryRead(ref reader, out var h) || h < 0)
                    {
                        error = "kick: hop must be a whole number >= 0";
                        return false;
                    }

                    hop = h;
                }
                else
                {
                    error = $"kick: unknown field '{NeuronId.Describe(reader.GetString())}' (allowed: from, hop)";
                    return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = "kick: malformed JSON";
                return false;
            }
        }
        catch (JsonException ex)
        {
            error = $"kick: malformed JSON ({ex.Message.Split('\n')[0]})";
            return false;
        }

        kick = new KickRequest(from ?? KickSources.External, hop);
        return true;
    }

    private static bool IsValidSource(ReadOnlySpan<byte> source) =>
        NeuronId.IsValid(source)
        || (source.StartsWith("sensor:"u8) && NeuronId.IsValid(source["sensor:".Length..]));

    private static ReadOnlySpan<byte> TrimAscii(ReadOnlySpan<byte> s)
    {
        while (!s.IsEmpty && s[0] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') { s = s[1..]; }
        while (!s.IsEmpty && s[^1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') { s = s[..^1]; }
        return s;
    }

    private static string Printable(ReadOnlySpan<byte> payload) =>
        NeuronId.Describe(System.Text.Encoding.UTF8.GetString(payload[..Math.Min(payload.Length, 64)]));
}
