using System.Text.Json;
using PiNeurons.Core.Configuration;

namespace PiNeurons.Aggregator.Api;

/// <summary>
/// The body of <c>POST /api/neurons/{id}/teach</c>: <c>{"target":1}</c> (the neuron should have fired) or
/// <c>{"target":0}</c> (it should not have). Checked strictly, as a neuron checks its commands: anything else is refused
/// here with a reason rather than published for the neuron to refuse where the operator does not see it.
/// </summary>
internal static class TeachBody
{
    /// <summary>What a good body looks like, for error messages.</summary>
    public const string Expected = "{\"target\":1} (it should fire) or {\"target\":0} (it should not)";

    /// <summary>The target, 0 or 1; null with <paramref name="error"/> saying what is wrong.</summary>
    public static int? Parse(ReadOnlySpan<byte> body, out string? error)
    {
        error = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = $"the body must be {Expected}";
                return null;
            }

            int? target = null;
            foreach (var field in root.EnumerateObject())
            {
                if (field.Name != "target")
                {
                    error = $"unknown field '{field.Name}': the body must be {Expected}";
                    return null;
                }

                if (target is not null)
                {
                    error = "target is given twice";
                    return null;
                }

                // Whole numbers however written (1, 1.0, 1e0), as every number of the protocol (docs/protocol.md section 7).
                if (!WholeNumber.TryRead(field.Value, out int value) || value is not (0 or 1))
                {
                    error = $"target must be 1 (it should fire) or 0 (it should not), not {field.Value.GetRawText()}";
                    return null;
                }

                target = value;
            }

            if (target is null)
            {
                error = $"target is missing: the body must be {Expected}";
            }

            return target;
        }
        catch (JsonException ex)
        {
            error = $"the body is not JSON ({ex.Message}): it must be {Expected}";
            return null;
        }
    }
}
