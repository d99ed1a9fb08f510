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

    /// <summary>
    /// Starts an aggregator in this process (the CLI's demo, tests) with the same options as the command
    /// line (<c>--broker</c>, <c>--urls</c>, <c>--db</c>, ...); returns once it listens.
    /// </summary>
    public static Task<RunningAggregator> StartAsync(IReadOnlyList<string> args, Action<WebApplicationBuilder>? configure, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        _ = configure;
        _ = ct;
        throw new NotImplementedException();
    }
}
