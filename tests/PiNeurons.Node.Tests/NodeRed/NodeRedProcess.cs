using System.Globalization;
using System.Text.Json.Nodes;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests.NodeRed;

/// <summary>
/// A real Node-RED on a free loopback port, with a temporary user directory, the editor disabled
/// (<c>httpAdminRoot: false</c>: nothing to authenticate) and a copy of a flow file whose MQTT broker
/// points at the test's Mosquitto. A <see cref="ChildProcess"/>: killed with everything it started on dispose.
/// </summary>
internal sealed class NodeRedProcess : IAsyncDisposable
{
    /// <summary>What to run when Node-RED is missing.</summary>
    public const string InstallHint = "run `npm ci` at the repository root";

    private readonly string _userDir;
    private readonly ChildProcess _process;

    private NodeRedProcess(string userDir, int port, ChildProcess process)
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

    /// <summary>Everything Node-RED wrote so far.</summary>
    public string Output => _process.Output;

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
        var process = ChildProcess.Start(Executable, ["--settings", settings, "--userDir", userDir], new ChildProcessOptions { WorkingDirectory = userDir });
        return new NodeRedProcess(userDir, port, process);
    }

    /// <summary>
    /// Waits until Node-RED logged that it listens, that it started the flow (whose <c>http in</c> nodes add their
    /// routes as they are created, before this line) and that its MQTT broker node connected; fails after
    /// <paramref name="timeout"/> with Node-RED's output.
    /// </summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        // The HTTP server and the flows start independently of each other: either line may come first.
        await _process.WaitForLineAsync(l => l.Contains("Server now running at", StringComparison.Ordinal), timeout, "Node-RED's HTTP server listening");
        await _process.WaitForLineAsync(l => l.Contains("Started flows", StringComparison.Ordinal), timeout, "the flow started");
        // Node-RED's broker node subscribes its mqtt-in topics in the same handler that logs this line,
        // so a publish that Node-RED makes after it reaches the broker behind those subscriptions.
        await _process.WaitForLineAsync(l => l.Contains("Connected to broker", StringComparison.Ordinal), timeout, "its MQTT broker node connected");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_userDir, recursive: true);
        }
        catch (IOException)
        {
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
