using System.Text.Json;
using PiNeurons.Core.Learning;
using PiNeurons.Core.Model;

namespace PiNeurons.Core.Configuration;

/// <summary>A mutable copy of a config that a merge patch is applied to, field by field.</summary>
internal sealed class ConfigBuilder
{
    private readonly NeuronConfig _defaults = NeuronConfig.Default;
    private readonly Dictionary<string, double> _weights;
    private readonly List<string> _connections;
    private double _threshold;
    private int _refractoryMs, _inputLastingMs, _integrationWindowMs, _maxHops, _maxFiresPerSecond;
    private LearningConfig _learning;

    public ConfigBuilder(NeuronConfig start)
    {
        _threshold = start.Threshold;
        _weights = new Dictionary<string, double>(start.Weights, StringComparer.Ordinal);
        _connections = [.. start.Connections];
        _refractoryMs = start.RefractoryMs;
        _inputLastingMs = start.InputLastingMs;
        _integrationWindowMs = start.IntegrationWindowMs;
        _maxHops = start.MaxHops;
        _maxFiresPerSecond = start.MaxFiresPerSecond;
        _learning = start.Learning;
    }

    /// <summary>Merges one patch object; returns an error naming the field, or null.</summary>
    public string? Merge(JsonElement patch)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        JsonElement? add = null, remove = null;
        foreach (var property in patch.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                return $"{property.Name}: given twice";
            }

            var value = property.Value;
            var error = property.Name switch
            {
                "threshold" => Number(value, "threshold", _defaults.Threshold, v => _threshold = v),
                "weights" => MergeWeights(value),
                "connections" => ReplaceConnections(value),
                "refractoryMs" => Integer(value, "refractoryMs", _defaults.RefractoryMs, v => _refractoryMs = v),
                "inputLastingMs" => Integer(value, "inputLastingMs", _defaults.InputLastingMs, v => _inputLastingMs = v),
                "integrationWindowMs" => Integer(value, "integrationWindowMs", _defaults.IntegrationWindowMs, v => _integrationWindowMs = v),
                "maxHops" => Integer(value, "maxHops", _defaults.MaxHops, v => _maxHops = v),
                "maxFiresPerSecond" => Integer(value, "maxFiresPerSecond", _defaults.MaxFiresPerSecond, v => _maxFiresPerSecond = v),
                "learning" => LearningPatch.Merge(_learning, value, out _learning),
                "addConnections" => Keep(value, ref add),
                "removeConnections" => Keep(value, ref remove),
                _ => $"unknown field '{Protocol.NeuronId.Describe(property.Name)}' (allowed: {string.Join(", ", ConfigPatch.Fields)})",
            };
            if (error is not null)
            {
                return error;
            }
        }

        // The verbs apply after a wholesale "connections" replacement in the same patch.
        return ApplyVerb(add, "addConnections", id => { if (!_connections.Contains(id)) { _connections.Add(id); } })
            ?? ApplyVerb(remove, "removeConnections", id => _connections.Remove(id));
    }

    public NeuronConfig Build() => new()
    {
        Threshold = _threshold,
        Weights = new Dictionary<string, double>(_weights, StringComparer.Ordinal),
        Connections = [.. _connections],
        RefractoryMs = _refractoryMs,
        InputLastingMs = _inputLastingMs,
        IntegrationWindowMs = _integrationWindowMs,
        MaxHops = _maxHops,
        MaxFiresPerSecond = _maxFiresPerSecond,
        Learning = _learning,
    };

    private static string? Keep(JsonElement value, ref JsonElement? slot)
    {
        slot = value;
        return null;
    }

    private string? MergeWeights(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            _weights.Clear();
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return $"weights: expected an object of source -> number, got {ConfigPatch.Describe(value.ValueKind)}";
        }

        foreach (var weight in value.EnumerateObject())
        {
            var field = $"weights.{Protocol.NeuronId.Describe(weight.Name)}";
            if (weight.Value.ValueKind == JsonValueKind.Null)
            {
                _weights.Remove(weight.Name);
                continue;
            }

            var error = Number(weight.Value, field, double.NaN, v => _weights[weight.Name] = v);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private string? ReplaceConnections(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            _connections.Clear();
            return null;
        }

        var ids = Strings(value, "connections", out var error);
        if (ids is null)
        {
            return error;
        }

        _connections.Clear();
        _connections.AddRange(ids);
        return null;
    }

    private static string? ApplyVerb(JsonElement? value, string field, Action<string> apply)
    {
        if (value is null)
        {
            return null;
        }

        var ids = Strings(value.Value, field, out var error);
        if (ids is null)
        {
            return error;
        }

        foreach (var id in ids)
        {
            if (!Protocol.NeuronId.IsValid(id))
            {
                return $"{field}: '{Protocol.NeuronId.Describe(id)}' is not a valid neuron id ({Protocol.NeuronId.Rule})";
            }

            apply(id);
        }

        return null;
    }

    private static List<string>? Strings(JsonElement value, string field, out string? error)
    {
        error = null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            error = $"{field}: expected an array of neuron ids, got {ConfigPatch.Describe(value.ValueKind)}";
            return null;
        }

        var ids = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                error = $"{field}[{i}]: expected a neuron id string, got {ConfigPatch.Describe(item.ValueKind)}";
                return null;
            }

            ids.Add(item.GetString()!);
            i++;
        }

        return ids;
    }

    /// <summary>Reads a number field: <c>null</c> sets <paramref name="resetTo"/> (NaN: null is refused), anything but a finite
    /// number is an error naming <paramref name="field"/>.</summary>
    internal static string? Number(JsonElement value, string field, double resetTo, Action<double> set)
    {
        if (value.ValueKind == JsonValueKind.Null && !double.IsNaN(resetTo))
        {
            set(resetTo);
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            return $"{field}: expected a number, got {ConfigPatch.Describe(value.ValueKind)}";
        }

        if (!value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            return $"{field}: {value.GetRawText()} is not a finite number";
        }

        set(number);
        return null;
    }

    /// <summary>Reads a whole-number field: <c>null</c> sets <paramref name="resetTo"/>, anything but a whole number is an error
    /// naming <paramref name="field"/>.</summary>
    internal static string? Integer(JsonElement value, string field, int resetTo, Action<int> set)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            set(resetTo);
            return null;
        }

        if (!WholeNumber.TryRead(value, out int number))
        {
            return $"{field}: expected a whole number, got {(value.ValueKind == JsonValueKind.Number ? value.GetRawText() : ConfigPatch.Describe(value.ValueKind))}";
        }

        set(number);
        return null;
    }
}
