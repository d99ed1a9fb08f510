using System.Text.Json.Nodes;
using NJsonSchema;
using PiNeurons.Deploy.Tests.Support;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// The Compose Specification's JSON schema (compose-spec.json next to this file; where it comes from:
/// compose-spec.README.md), loaded once, and a validation that returns one line per error.
/// </summary>
internal static class ComposeSchema
{
    public const string SchemaFile = "tests/PiNeurons.Deploy.Tests/Swarm/compose-spec.json";

    private static readonly Lazy<Task<JsonSchema>> Schema = new(() => JsonSchema.FromJsonAsync(RepoRoot.ReadAllText(SchemaFile)));

    public static async Task<IReadOnlyList<string>> ValidateAsync(JsonNode document)
    {
        var schema = await Schema.Value;
        return schema.Validate(document.ToJsonString())
            .SelectMany(Flatten)
            .ToArray();
    }

    /// <summary>oneOf/anyOf failures nest the reasons of each branch; list them all.</summary>
    private static IEnumerable<string> Flatten(NJsonSchema.Validation.ValidationError error)
    {
        yield return $"{error.Path}: {error.Kind} (line {error.LineNumber})";
        if (error is NJsonSchema.Validation.ChildSchemaValidationError child)
        {
            foreach (var nested in child.Errors.SelectMany(e => e.Value).SelectMany(Flatten))
            {
                yield return "  " + nested;
            }
        }
    }
}
