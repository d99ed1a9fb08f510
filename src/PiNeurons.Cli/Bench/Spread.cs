using System.Globalization;

namespace PiNeurons.Cli.Bench;

/// <summary>The run-to-run spread of a figure measured a few times: min, median, max.</summary>
internal readonly record struct Spread(double Min, double Median, double Max, int Runs)
{
    public static Spread Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return default;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(sorted[0], median, sorted[^1], sorted.Length);
    }

    /// <summary>"min 512 / median 540 / max 610 ms (5 runs)" with <paramref name="unit"/>.</summary>
    public string Format(string unit, string format = "0") => string.Create(
        CultureInfo.InvariantCulture,
        $"min {Min.ToString(format, CultureInfo.InvariantCulture)} / median {Median.ToString(format, CultureInfo.InvariantCulture)} / max {Max.ToString(format, CultureInfo.InvariantCulture)} {unit} ({Runs} runs)");
}
