namespace PiNeurons.Aggregator;

/// <summary>Entry point: see <see cref="AggregatorApp"/>.</summary>
public static class Program
{
    /// <summary>Runs the aggregator until Ctrl+C or SIGTERM.</summary>
    public static Task<int> Main(string[] args) => AggregatorApp.RunAsync(args);
}
