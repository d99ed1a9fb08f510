using System.Text.Json;
using PiNeurons.Core.Model;

namespace PiNeurons.Core.Configuration;

/// <summary>
/// The <c>set</c> command of docs/protocol.md: a JSON merge patch (RFC 7396) of the config plus the verbs
/// <c>addConnections</c> and <c>removeConnections</c>, so one weight or one connection changes without
/// resending the rest. Strict on purpose: an unknown field or a wrong type is refused, never ignored,
/// because a silently ignored typo is a neuron that does not do what its operator believes.
/// </summary>
public static class ConfigPatch
{
    /// <summary>The fields a patch may carry.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "threshold", "weights", "connections", "refractoryMs", "inputLastingMs", "integrationWindowMs",
        "maxHops", "maxFiresPerSecond", "learning", "addConnections", "removeConnections",
    ];

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8 };

    /// <summary>Applies <paramref name="patchJson"/> to <paramref name="current"/> and validates the whole result.</summary>
    public static ConfigPatchResult Apply(NeuronConfig current, ReadOnlyMemory<byte> patchJson)
    {
        ArgumentNullException.ThrowIfNull(current);
        // System.Text.Json checks UTF-8 only when a string is read, and then throws InvalidOperationException
        // (not JsonException) from a property name: check the whole payload first (docs/protocol.md, bad input).
        if (!System.Text.Unicode.Utf8.IsValid(patchJson.Span))
        {
            return ConfigPatchResult.Fail("malformed JSON: the payload is not valid UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(patchJson, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return ConfigPatchResult.Fail(LastField(patchJson.Span) is { } field
                ? $"malformed JSON in field {field} (NaN and Infinity are not JSON numbers): {FirstLine(ex.Message)}"
                : $"malformed JSON: {FirstLine(ex.Message)}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ConfigPatchResult.Fail($"expected a JSON object, got {Describe(document.RootElement.ValueKind)}");
            }

            var builder = new ConfigBuilder(current);
            var error = builder.Merge(document.RootElement);
            if (error is not null)
            {
                return ConfigPatchResult.Fail(error);
            }

            var result = builder.Build();
            var problems = ConfigValidator.Validate(result);
            return problems.Count == 0 ? new ConfigPatchResult(result, null) : ConfigPatchResult.Fail(string.Join("; ", problems));
        }
    }

    /// <summary>Applies a patch given as text.</summary>
    public static ConfigPatchResult Apply(NeuronConfig current, string patchJson) =>
        Apply(current, System.Text.Encoding.UTF8.GetBytes(patchJson ?? string.Empty));

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    // The property the reader was in when the JSON broke, so the message names the field the user mistyped.
    private static string? LastField(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
        var path = new List<string>();
        string? last = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        last = string.Join('.', [.. path, reader.GetString()!]);
                        break;
                    case JsonTokenType.StartObject when last is not null:
                        path.Add(last[(last.LastIndexOf('.') + 1)..]);
                        break;
                    case JsonTokenType.EndObject when path.Count > 0:
                        path.RemoveAt(path.Count - 1);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return last is null ? null : Protocol.NeuronId.Describe(last);
        }

        return null;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
