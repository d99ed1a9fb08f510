namespace PiNeurons.Core.Tests.Helpers;

/// <summary>Short weight dictionaries for configs built in tests.</summary>
internal static class Weights
{
    public static Dictionary<string, double> Of(params (string Source, double Weight)[] weights) =>
        weights.ToDictionary(w => w.Source, w => w.Weight, StringComparer.Ordinal);
}
