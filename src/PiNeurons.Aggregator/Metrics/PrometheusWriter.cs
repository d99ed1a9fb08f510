using System.Globalization;
using System.Text;

namespace PiNeurons.Aggregator.Metrics;

/// <summary>
/// The one way /metrics writes the Prometheus text exposition format (version 0.0.4): a family's HELP and TYPE, its
/// samples, and a histogram's buckets, sum and count.
/// </summary>
internal sealed class PrometheusWriter
{
    private readonly StringBuilder _text = new(8192);

    /// <summary>Starts a family: its HELP and TYPE lines, which precede its samples.</summary>
    public void Family(string name, string type, string help) =>
        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    /// <summary>One sample; <paramref name="labels"/> as <see cref="Label"/> writes them, or null for none.</summary>
    public void Sample(string name, string? labels, double value)
    {
        _text.Append(name);
        if (labels is not null)
        {
            _text.Append('{').Append(labels).Append('}');
        }

        _text.Append(' ').Append(Number(value)).Append('\n');
    }

    /// <summary>A family of one sample without labels.</summary>
    public void Single(string name, string type, string help, double value)
    {
        Family(name, type, help);
        Sample(name, null, value);
    }

    /// <summary>One histogram's series under a family started with type <c>histogram</c>: a <c>_bucket</c> per bound,
    /// the <c>+Inf</c> one, <c>_sum</c> and <c>_count</c>; <paramref name="labels"/> are those of the histogram.</summary>
    public void Histogram(string name, string? labels, HistogramSample histogram)
    {
        var prefix = labels is null ? string.Empty : labels + ",";
        foreach (var bucket in histogram.Buckets)
        {
            Sample(name + "_bucket", $"{prefix}le=\"{Number(bucket.UpperBound)}\"", bucket.CumulativeCount);
        }

        Sample(name + "_bucket", prefix + "le=\"+Inf\"", histogram.Count);
        Sample(name + "_sum", labels, histogram.Sum);
        Sample(name + "_count", labels, histogram.Count);
    }

    /// <summary>One label, its value escaped as the format requires.</summary>
    public static string Label(string name, string value) =>
        $"{name}=\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"";

    /// <inheritdoc />
    public override string ToString() => _text.ToString();

    // The shortest text that reads back as the same double, with the format's own names for the special values.
    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    // HELP text escapes only the backslash and the line break (the format's rule; quotes stay as they are).
    private static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
