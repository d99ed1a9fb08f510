namespace PiNeurons.Cli.Demo;

/// <summary>
/// Where the learning demo's neuron starts: a weight from −1 to 1 for each input and a threshold from 0.1 to 1, drawn
/// from <see cref="Random"/> with the seed (whose sequence for a seed is fixed across .NET versions), rounded to two
/// decimals so the start reads well. The same seed is the same start, so a run can be repeated.
/// </summary>
internal static class LearnStart
{
    /// <summary>The start for <paramref name="seed"/>: a weight per input, in the order given, and the threshold.</summary>
    public static (IReadOnlyList<KeyValuePair<string, double>> Weights, double Threshold) For(int seed, IReadOnlyList<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var random = new Random(seed);
        var weights = inputs.Select(id => new KeyValuePair<string, double>(id, Math.Round((random.NextDouble() * 2) - 1, 2))).ToList();
        return (weights, Math.Round(0.1 + (random.NextDouble() * 0.9), 2));
    }
}
