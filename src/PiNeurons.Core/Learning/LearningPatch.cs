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

            double? number = null;
            int? whole = null;
            var error = name == "teachWindowMs"
                ? ReadWhole(property.Value, field, out whole)
                : ReadNumber(property.Value, field, out number);
            if (error is not null)
            {
                return error;
            }

            result = name switch
            {
                "rate" => result with { Rate = number ?? defaults.Rate },
                "teachWindowMs" => result with { TeachWindowMs = whole ?? defaults.TeachWindowMs },
                "aPlus" => result with { APlus = number ?? defaults.APlus },
                "aMinus" => result with { AMinus = number ?? defaults.AMinus },
                "tauPlusMs" => result with { TauPlusMs = number ?? defaults.TauPlusMs },
                "tauMinusMs" => result with { TauMinusMs = number ?? defaults.TauMinusMs },
                _ => result with { MaxWeight = number ?? defaults.MaxWeight },
            };
        }

        merged = result;
        return null;
    }

    // A null value (reset to the default) reads as null.
    private static string? ReadNumber(JsonElement value, string field, out double? number)
    {
        number = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            return $"{field}: expected a number, got {ConfigPatch.Describe(value.ValueKind)}";
        }

        if (!value.TryGetDouble(out var read) || !double.IsFinite(read))
        {
            return $"{field}: {value.GetRawText()} is not a finite number";
        }

        number = read;
        return null;
    }

    private static string? ReadWhole(JsonElement value, string field, out int? number)
    {
        number = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (!WholeNumber.TryRead(value, out int read))
        {
            return $"{field}: expected a whole number, got {(value.ValueKind == JsonValueKind.Number ? value.GetRawText() : ConfigPatch.Describe(value.ValueKind))}";
        }

        number = read;
        return null;
    }

    private static string Shown(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? $"\"{Protocol.NeuronId.Describe(value.GetString() ?? string.Empty)}\"" : ConfigPatch.Describe(value.ValueKind);
}
