using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests.NodeRed;

/// <summary>
/// A real Node-RED on a free loopback port, with a temporary user directory, the editor disabled
/// (<c>httpAdminRoot: false</c>: nothing to authenticate) and a copy of a flow file whose MQTT broker
/// points at the test's Mosquitto. Killed with its process tree on dispose.
/// </summary>
internal sealed class NodeRedProcess : IAsyncDisposable
{
    /// <summary>What to run when Node-RED is missing.</summary>
    public const string InstallHint = "run `npm ci` at the repository root";

    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _mqttConnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _userDir;
    private readonly Process _process;

    private NodeRedProcess(string userDir, int port, Process process)
    {
        _userDir = userDir;
        Port = port;
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    /// <summary>The repository's root: the folder above the test assembly holding package.json.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>node_modules/.bin/node-red under the repository root.</summary>
    public static string Executable { get; } = Path.Combine(RepoRoot, "node_modules", ".bin", "node-red");

    /// <summary>The HTTP port of the flow's endpoints.</summary>
    public int Port { get; }

    /// <summary>A client for the flow's HTTP endpoints.</summary>
    public HttpClient Http { get; }

    /// <summary>Completes when Node-RED logged that its MQTT broker node connected.</summary>
    public Task MqttConnected => _mqttConnected.Task;

    /// <summary>Everything Node-RED wrote so far.</summary>
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

    /// <summary>Starts Node-RED on <paramref name="flowFile"/>, its MQTT broker nodes rewritten to 127.0.0.1:<paramref name="brokerPort"/>.</summary>
    public static NodeRedProcess Start(string flowFile, int brokerPort)
    {
        if (!File.Exists(Executable))
        {
            Assert.Fail($"Node-RED is not installed: {Executable} is missing; {InstallHint}.");
        }

        var userDir = Directory.CreateTempSubdirectory("pineurons-node-red-").FullName;
        var flows = JsonNode.Parse(File.ReadAllText(flowFile))!.AsArray();
        foreach (var broker in flows.Where(n => (string?)n!["type"] == "mqtt-broker"))
        {
            broker!["broker"] = "127.0.0.1";
            broker["port"] = brokerPort.ToString(CultureInfo.InvariantCulture);
        }

        File.WriteAllText(Path.Combine(userDir, "flows.json"), flows.ToJsonString());
        var port = FreePort.Pick();
        var settings = Path.Combine(userDir, "settings.js");
        File.WriteAllText(settings, $$"""
            module.exports = {
                uiHost: "127.0.0.1",
                uiPort: {{port}},
                httpAdminRoot: false,
                flowFile: "flows.json",
                credentialSecret: false,
                diagnostics: { enabled: false },
                telemetry: { enabled: false },
                logging: { console: { level: "info", metrics: false, audit: false } },
            };
            """);
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = userDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--settings", settings, "--userDir", userDir })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node-red did not start");
        var nodeRed = new NodeRedProcess(userDir, port, process);
        process.OutputDataReceived += (_, e) => nodeRed.Append(e.Data);
        process.ErrorDataReceived += (_, e) => nodeRed.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return nodeRed;
    }

    /// <summary>
    /// A start-up wait, not a timing assertion: polls <paramref name="path"/> until Node-RED serves it (any
    /// answer but 404, which is what Node-RED says before the flow's <c>http in</c> nodes exist), and waits
    /// for its MQTT connection; fails after <paramref name="timeout"/> with Node-RED's output.
    /// </summary>
    public async Task WaitReadyAsync(string path, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    Assert.Fail($"Node-RED exited with code {_process.ExitCode}:\n{Output}");
                }

                try
                {
                    using var response = await Http.GetAsync(path, deadline.Token);
                    if (response.StatusCode != HttpStatusCode.NotFound)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }

            await MqttConnected.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Node-RED did not serve {path} with its MQTT broker connected within {timeout.TotalSeconds:0} s:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_userDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        // Node-RED's broker node subscribes its mqtt-in topics in the same handler that logs this line,
        // so a publish that Node-RED makes after it reaches the broker behind those subscriptions.
        if (line.Contains("Connected to broker", StringComparison.Ordinal))
        {
            _mqttConnected.TrySetResult();
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && Directory.Exists(Path.Combine(dir.FullName, "docs")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no package.json with docs/ beside it above {AppContext.BaseDirectory}");
    }
}
