using System.Diagnostics;
using System.Text;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Api;

/// <summary>
/// The aggregator as a real process (<c>dotnet PiNeurons.Aggregator.dll</c> from the test output), so a test
/// can kill -9 it: WebApplicationFactory runs in the test's own process and can only be disposed cleanly.
/// </summary>
public sealed class AggregatorProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private AggregatorProcess(Process process, string url)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri(url) };
    }

    /// <summary>A client for its HTTP API.</summary>
    public HttpClient Http { get; }

    /// <summary>Everything it wrote, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts it with a fixed client id (its persistent session) and state dir, on a free port.</summary>
    public static AggregatorProcess Start(MosquittoBroker broker, string root, string stateDir, string clientId)
    {
        var url = $"http://127.0.0.1:{FreePort.Pick()}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "PiNeurons.Aggregator.dll"),
                     "--broker", broker.Url, "--root", root, "--state-dir", stateDir, "--urls", url, "--client-id", clientId,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_LOGGING__CONSOLE__DISABLECOLORS"] = "true";
        var process = new Process { StartInfo = start };
        var aggregator = new AggregatorProcess(process, url);
        process.OutputDataReceived += (_, e) => aggregator.Append(e.Data);
        process.ErrorDataReceived += (_, e) => aggregator.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return aggregator;
    }

    /// <summary>SIGKILL: no clean shutdown, no last batch flushed.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        Http.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
