namespace PiNeurons.Aggregator.Latency;

/// <summary>A connection <c>From -&gt; To</c>: <c>From</c> kicks <c>To</c> when it fires.</summary>
/// <param name="From">The neuron that fires.</param>
/// <param name="To">The neuron it kicks.</param>
public readonly record struct EdgeKey(string From, string To);
