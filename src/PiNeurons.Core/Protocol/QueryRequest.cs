using System.Text.Json;

namespace PiNeurons.Core.Protocol;

/// <summary>A parsed <c>query</c>: docs/protocol.md says its payload is ignored, or JSON <c>{"include":["log"]}</c>.</summary>
/// <param name="IncludeLog">True when the reply should carry the neuron's recent event log.</param>
public readonly record struct QueryRequest(bool IncludeLog)
{
    /// <summary>Parses a query payload. A payload that is not a JSON object is ignored (a plain query);
    /// a JSON object is checked strictly, so a typo in <c>include</c> is reported, not ignored.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out QueryRequest query, out string? error)
    {
        query = default;
        error = null;
        var trimmed = payload.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{')
        {
            return true;
        }

        // Reading a property name would throw InvalidOperationException on invalid UTF-8.
        if (!System.Text.Unicode.Utf8.IsValid(trimmed))
        {
            error = "query: malformed JSON (the payload is not valid UTF-8)";
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(trimmed.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name != "include")
                {
                    error = $"query: unknown field '{NeuronId.Describe(property.Name)}' (allowed: include)";
                    return false;
                }

                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    error = "query: include must be an array, e.g. [\"log\"]";
                    return false;
                }

                foreach (var item in property.Value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String || item.GetString() != "log")
                    {
                        error = $"query: include may only name \"log\", got {item.GetRawText()}";
                        return false;
                    }

                    query = new QueryRequest(true);
                }
            }

            return true;
        }
        catch (JsonException ex)
        {
            error = $"query: malformed JSON ({ex.Message.Split('\n')[0]})";
            return false;
        }
    }
}
