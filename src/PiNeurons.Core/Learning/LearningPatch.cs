using System.Text.Json;
using PiNeurons.Core.Configuration;

namespace PiNeurons.Core.Learning;

/// <summary>
/// The <c>learning</c> field of a <c>set</c> patch or a manifest: merged key by key into the current learning config
/// (RFC 7396), a <c>null</c> parameter back to its default, <c>"learning":null</c> back to no learning. A patch that
/// changes the rule starts from the defaults, and a parameter the resulting rule does not use is refused: a
/// <c>rate</c> on an STDP neuron is a mistake its operator should hear about.
/// </summary>
public static class LearningPatch
{
    /// <summary>The fields of the learning object.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["rule", "rate", "teachWindowMs", "aPlus", "aMinus", "tauPlusMs", "tauMinusMs", "maxWeight"];

    /// <summary>The parameters each rule uses, in the order they are written.</summary>
    public static IReadOnlyList<string> ParametersOf(LearningRule rule) => rule switch
    {
        LearningRule.Perceptron => ["rate", "teachWindowMs", "maxWeight"],
        LearningRule.Stdp => ["aPlus", "aMinus", "tauPlusMs", "tauMinusMs", "maxWeight"],
        _ => [],
    };

    /// <summary>Merges <paramref name="patch"/> into <paramref name="current"/>; returns an error naming the field, or null.</summary>
    public static string? Merge(LearningConfig current, JsonElement patch, out LearningConfig merged)
    {
        merged = current;
        if (patch.ValueKind == JsonValueKind.Null)
        {
            merged = LearningConfig.None;
            return null;
        }

        if (patch.ValueKind != JsonValueKind.Object)
        {
            return $"learning: expected an object such as {{\"rule\":\"perceptron\"}}, got {ConfigPatch.Describe(patch.ValueKind)}";
        }

        var result = current;
        if (patch.TryGetProperty("rule", out var ruleElement))
        {
            if (ruleElement.ValueKind == JsonValueKind.Null)
            {
                result = LearningConfig.None;
            }
            else if (ruleElement.ValueKind != JsonValueKind.String || !LearningConfig.TryParseRule(ruleElement.GetString(), out var rule))
            {
                return $"learning.rule: expected \"none\", \"perceptron\" or \"stdp\", got {Shown(ruleElement)}";
            }
            else if (rule != current.Rule)
            {
                result = LearningConfig.None with { Rule = rule };
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var defaults = LearningConfig.None;
        foreach (var property in patch.EnumerateObject())
        {
            var name = property.Name;
            var field = "learning." + Protocol.NeuronId.Describe(name);
            if (!seen.Add(name))
            {
                return $"{field}: given twice";
            }

            if (name == "rule")
            {
                continue;
            }

            if (!Fields.Contains(name))
            {
                return $"{field}: unknown field (allowed: {string.Join(", ", Fields)})";
            }

            if (!ParametersOf(result.Rule).Contains(name))
            {
                var uses = ParametersOf(result.Rule) is { Count: > 0 } p ? $"its parameters: {string.Join(", ", p)}" : "it has no parameters";
                return $"{field}: not a parameter of rule {LearningConfig.WireName(result.Rule)} ({uses})";
            }

            // The config's own readers: the same messages for a bad value, and null for the default, as for every field.
            var value = property.Value;
            var error = name switch
            {
                "rate" => ConfigBuilder.Number(value, field, defaults.Rate, v => result = result with { Rate = v }),
                "teachWindowMs" => ConfigBuilder.Integer(value, field, defaults.TeachWindowMs, v => result = result with { TeachWindowMs = v }),
                "aPlus" => ConfigBuilder.Number(value, field, defaults.APlus, v => result = result with { APlus = v }),
                "aMinus" => ConfigBuilder.Number(value, field, defaults.AMinus, v => result = result with { AMinus = v }),
                "tauPlusMs" => ConfigBuilder.Number(value, field, defaults.TauPlusMs, v => result = result with { TauPlusMs = v }),
                "tauMinusMs" => ConfigBuilder.Number(value, field, defaults.TauMinusMs, v => result = result with { TauMinusMs = v }),
                _ => ConfigBuilder.Number(value, field, defaults.MaxWeight, v => result = result with { MaxWeight = v }),
            };
            if (error is not null)
            {
                return error;
            }
        }

        merged = result;
        return null;
    }

    private static string Shown(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? $"\"{Protocol.NeuronId.Describe(value.GetString() ?? string.Empty)}\"" : ConfigPatch.Describe(value.ValueKind);
}
