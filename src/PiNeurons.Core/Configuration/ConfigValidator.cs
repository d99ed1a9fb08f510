using PiNeurons.Core.Learning;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Core.Configuration;

/// <summary>
/// Checks a whole <see cref="NeuronConfig"/>. Every message names the field and says what is allowed,
/// because the person reading it typed the value into mosquitto_pub or a manifest.
/// </summary>
public static class ConfigValidator
{
    /// <summary>Most weights or connections one neuron may have.</summary>
    public const int MaxEdges = 1024;

    /// <summary>Largest accepted duration, one hour.</summary>
    public const int MaxDurationMs = 3_600_000;

    /// <summary>Largest accepted integration window, one minute.</summary>
    public const int MaxIntegrationWindowMs = 60_000;

    /// <summary>Largest accepted hop limit and firing cap.</summary>
    public const int MaxLimit = 1_000_000;

    /// <summary>Largest accepted magnitude of a threshold or weight.</summary>
    public const double MaxMagnitude = 1e9;

    /// <summary>Every problem with <paramref name="config"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(NeuronConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<string>();
        if (!IsSane(config.Threshold))
        {
            errors.Add($"threshold: must be a finite number between -{MaxMagnitude:G} and {MaxMagnitude:G}, got {config.Threshold}");
        }

        if (config.Weights.Count > MaxEdges)
        {
            errors.Add($"weights: at most {MaxEdges} entries, got {config.Weights.Count}");
        }

        foreach (var (source, weight) in config.Weights)
        {
            if (!KickSources.IsValid(source))
            {
                errors.Add($"weights.{NeuronId.Describe(source)}: not a valid source (a neuron id of {NeuronId.Rule}, or sensor:<name>)");
            }
            else if (!IsSane(weight))
            {
                errors.Add($"weights.{source}: must be a finite number between -{MaxMagnitude:G} and {MaxMagnitude:G}, got {weight}");
            }
        }

        ValidateConnections(config.Connections, errors);
        Range(errors, "refractoryMs", config.RefractoryMs, MaxDurationMs);
        Range(errors, "inputLastingMs", config.InputLastingMs, MaxDurationMs);
        Range(errors, "integrationWindowMs", config.IntegrationWindowMs, MaxIntegrationWindowMs);
        Range(errors, "maxHops", config.MaxHops, MaxLimit);
        Range(errors, "maxFiresPerSecond", config.MaxFiresPerSecond, MaxLimit);
        if (config.IntegrationWindowMs > config.InputLastingMs)
        {
            errors.Add($"integrationWindowMs: {config.IntegrationWindowMs} exceeds inputLastingMs {config.InputLastingMs}; "
                + "the first kick of a burst would expire before the decision");
        }

        LearningValidator.Validate(config.Learning, errors);

        return errors;
    }

    private static void ValidateConnections(IReadOnlyList<string> connections, List<string> errors)
    {
        if (connections.Count > MaxEdges)
        {
            errors.Add($"connections: at most {MaxEdges} entries, got {connections.Count}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < connections.Count; i++)
        {
            var id = connections[i];
            if (!NeuronId.IsValid(id))
            {
                errors.Add($"connections[{i}]: '{NeuronId.Describe(id)}' is not a valid neuron id ({NeuronId.Rule})");
            }
            else if (!seen.Add(id))
            {
                errors.Add($"connections[{i}]: '{id}' is listed twice");
            }
        }
    }

    private static void Range(List<string> errors, string field, int value, int max)
    {
        if (value < 0 || value > max)
        {
            errors.Add($"{field}: must be an integer from 0 to {max}, got {value}");
        }
    }

    private static bool IsSane(double value) => double.IsFinite(value) && Math.Abs(value) <= MaxMagnitude;
}
