using System.Text.Json;

namespace PiNeurons.Core.Protocol;

/// <summary>
/// A parsed <c>teach</c>: JSON <c>{"target":1}</c> or <c>{"target":0}</c>, or the plain text <c>1</c> or <c>0</c> (so
/// <c>mosquitto_pub -m 1</c> works). Strict: anything else is bad input with a reason, never a guess.
/// </summary>
/// <param name="Target">1: "you should have fired"; 0: "you should not have".</param>
public readonly record struct TeachRequest(int Target)
{
    private const string Expected = "expected {\"target\":1} or {\"target\":0} (or the plain text 1 or 0)";

    /// <summary>Parses a teach payload.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out TeachRequest teach, out string? error)
    {
        teach = default;
        error = null;
        var trimmed = payload.Trim(" \t\r\n"u8);
        if (trimmed.SequenceEqual("1"u8) || trimmed.SequenceEqual("0"u8))
        {
            teach = new TeachRequest(trimmed[0] - '0');
            return true;
        }

        if (trimmed.IsEmpty || trimmed[0] != (byte)'{' || !System.Text.Unicode.Utf8.IsValid(trimmed))
        {
            error = $"teach: {Expected}";
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(trimmed.ToArray(), new JsonDocumentOptions { MaxDepth = 2 });
            int? target = null;
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name != "target")
                {
                    error = $"teach: unknown field '{NeuronId.Describe(property.Name)}' (allowed: target)";
                    return false;
                }

                if (target is not null || !Configuration.WholeNumber.TryRead(property.Value, out int value) || value is not (0 or 1))
                {
                    error = $"teach: target must be 1 or 0 (given once), got {property.Value.GetRawText()}";
                    return false;
                }

                target = value;
            }

            if (target is null)
            {
                error = $"teach: target missing; {Expected}";
                return false;
            }

            teach = new TeachRequest(target.Value);
            return true;
        }
        catch (JsonException ex)
        {
            error = $"teach: malformed JSON ({ex.Message.Split('\n')[0]})";
            return false;
        }
    }
}
