namespace PiNeurons.Aggregator;

/// <summary>Entry point: see <see cref="AggregatorApp"/>. A class, not a static class, so tests can name it in <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public sealed class Program
{
    private Program()
    {
    }

    /// <summary>Runs the aggregator until Ctrl+C or SIGTERM.</summary>
    public static Task<int> Main(string[] args) => AggregatorApp.RunAsync(args);
}
