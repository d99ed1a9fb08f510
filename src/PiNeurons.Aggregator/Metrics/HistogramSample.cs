namespace PiNeurons.Aggregator.Metrics;

/// <summary>One histogram as Prometheus exposes it: cumulative buckets, the number of observations and their sum.</summary>
/// <param name="Buckets">Observations at most each upper bound, ascending, without the <c>+Inf</c> bucket (that is <paramref name="Count"/>).</param>
/// <param name="Count">Every observation.</param>
/// <param name="Sum">The observations added up, in the histogram's unit.</param>
public sealed record HistogramSample(IReadOnlyList<HistogramBucket> Buckets, long Count, double Sum);

/// <summary>One bucket of a <see cref="HistogramSample"/>.</summary>
/// <param name="UpperBound">The bucket's <c>le</c>.</param>
/// <param name="CumulativeCount">Observations at most <paramref name="UpperBound"/>.</param>
public sealed record HistogramBucket(double UpperBound, long CumulativeCount);
