namespace PiNeurons.Testing;

/// <summary>
/// The aggregator as a real process (<c>dotnet PiNeurons.Aggregator.dll</c> from the output of a test project that
/// references src/PiNeurons.Aggregator), so a test can kill -9 it: WebApplicationFactory runs in the test's own process
/// and can only be disposed cleanly.
/// </summary>
public sealed class AggregatorProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private AggregatorProcess(ChildProcess process, string url)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri(url) };
    }

    /// <summary>A client for its HTTP API.</summary>
    public HttpClient Http { get; }

    /// <summary>Everything it wrote, for failure messages.</summary>
    public string Output => _process.Output;

    /// <summary>Starts it with a fixed client id (its persistent session) and state dir, on a free port.</summary>
    public static AggregatorProcess Start(MosquittoBroker broker, string root, string stateDir, string clientId)
    {
        ArgumentNullException.ThrowIfNull(broker);
        return Start(["--broker", broker.Url], root, stateDir, clientId);
    }

    /// <summary>Starts it on any broker: <paramref name="arguments"/> name it (<c>--broker</c>, a login) and may add
    /// more options (<c>--postgres-file</c>...).</summary>
    public static AggregatorProcess Start(IReadOnlyList<string> arguments, string root, string stateDir, string clientId)
    {
        var url = $"http://127.0.0.1:{FreePort.Pick()}";
        var process = ChildProcess.Start(
            "dotnet",
            [
                Path.Combine(AppContext.BaseDirectory, "PiNeurons.Aggregator.dll"),
                .. arguments, "--root", root, "--state-dir", stateDir, "--urls", url, "--client-id", clientId,
            ],
            new ChildProcessOptions
            {
                WorkingDirectory = AppContext.BaseDirectory,
                Environment = new Dictionary<string, string?> { ["DOTNET_LOGGING__CONSOLE__DISABLECOLORS"] = "true" },
            });
        return new AggregatorProcess(process, url);
    }

    /// <summary>SIGKILL: no clean shutdown, no last batch flushed.</summary>
    public Task KillAsync() => _process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Http.Dispose();
    }
}
