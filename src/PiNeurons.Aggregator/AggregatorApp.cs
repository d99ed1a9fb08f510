namespace PiNeurons.Aggregator;

/// <summary>Builds and runs the aggregator web application.</summary>
public static class AggregatorApp
{
    /// <summary>Parses <paramref name="args"/>, runs until stopped, returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Task.FromResult(0);
    }
}
