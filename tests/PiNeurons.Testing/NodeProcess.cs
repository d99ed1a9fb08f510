using System.Globalization;

namespace PiNeurons.Testing;

/// <summary>
/// A real node process: <c>dotnet PiNeurons.Node.dll args</c>, or the executable <see cref="Executable"/> names,
/// as a <see cref="ChildProcess"/>, with its output
/// kept for failure messages across restarts and a state directory of its own (kept across <see cref="Restart"/>,
/// deleted on dispose).
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly IReadOnlyList<string> _arguments;
    private readonly bool _ownsStateDir;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly List<ChildProcess> _runs = [];

    private NodeProcess(IReadOnlyList<string> arguments, string stateDir, bool ownsStateDir, IReadOnlyDictionary<string, string>? environment = null)
    {
        _arguments = arguments;
        _environment = environment ?? new Dictionary<string, string>();
        StateDir = stateDir;
        _ownsStateDir = ownsStateDir;
    }

    /// <summary>The node's build output: a test project that runs nodes references src/PiNeurons.Node, so the dll,
    /// its runtimeconfig and its dependencies are copied next to the test assembly.</summary>
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "PiNeurons.Node.dll");

    /// <summary>
    /// The node executable to run instead of the build next to the tests, from the environment variable
    /// PINEURONS_TEST_NODE: CI points it at the NativeAOT build, the node Pis run (.ci/aot-node.sh), so these
    /// tests prove that binary too. Null: the JIT build next to the tests.
    /// </summary>
    public static string? Executable { get; } = Environment.GetEnvironmentVariable("PINEURONS_TEST_NODE") is { Length: > 0 } path
        ? Path.GetFullPath(path)
        : null;

    /// <summary>The state directory passed as <c>--state-dir</c> (when the test did not give one itself).</summary>
    public string StateDir { get; }

    /// <summary>The exit code, once exited.</summary>
    public int? ExitCode => Latest?.ExitCode;

    /// <summary>Completes when the current run of the process exits.</summary>
    public Task Exited => Latest?.Exited ?? Task.CompletedTask;

    /// <summary>The operating system's id of the current run (dotnet runs the node in its own process).</summary>
    public int ProcessId => Current.Id;

    /// <summary>Whether the process is still running.</summary>
    public bool IsRunning => Latest is { IsRunning: true };

    /// <summary>Everything the node wrote to stdout and stderr so far, over all its runs.</summary>
    public string Output => string.Join("\n----- restart -----\n", _runs.Select(r => r.Output));

    private ChildProcess? Latest => _runs.Count == 0 ? null : _runs[^1];

    private ChildProcess Current => Latest ?? throw new InvalidOperationException("not started");

    /// <summary>Starts the node with <paramref name="arguments"/> plus <c>--state-dir</c> (a fresh temp dir)
    /// unless the arguments name one.</summary>
    public static NodeProcess Start(params string[] arguments)
    {
        var givenStateDir = Array.IndexOf(arguments, "--state-dir");
        var stateDir = givenStateDir >= 0 ? arguments[givenStateDir + 1] : Directory.CreateTempSubdirectory("pineurons-node-").FullName;
        var all = givenStateDir >= 0 ? arguments : [.. arguments, "--state-dir", stateDir];
        var node = new NodeProcess(all, stateDir, ownsStateDir: givenStateDir < 0);
        node.Launch();
        return node;
    }

    /// <summary>Runs the node to completion (options tests) and returns it, exited.</summary>
    public static Task<NodeProcess> RunToExitAsync(TimeSpan timeout, params string[] arguments) =>
        RunToExitAsync(timeout, new Dictionary<string, string>(), arguments);

    /// <summary>Runs the node to completion with <paramref name="environment"/> set, and returns it, exited.</summary>
    public static async Task<NodeProcess> RunToExitAsync(TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var node = new NodeProcess(arguments, Path.GetTempPath(), ownsStateDir: false, environment);
        node.Launch();
        await node.WaitForExitAsync(timeout);
        return node;
    }

    /// <summary>SIGKILL (kill -9) of the node and anything it started: no goodbye, the broker's last will speaks.</summary>
    public async Task KillAsync()
    {
        if (Latest is { IsRunning: true } process)
        {
            await process.KillAsync();
        }
    }

    /// <summary>SIGTERM (what systemctl stop sends), then waits for the node to exit by itself.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (Latest is { IsRunning: true })
        {
            await Current.SignalAsync("TERM");
            await WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(20));
        }
    }

    /// <summary>Starts the same command line again (same state dir) after the previous run ended.</summary>
    public void Restart()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("the node is still running; stop or kill it first");
        }

        Launch();
    }

    /// <summary>Waits for the process to exit and its last lines to arrive.</summary>
    /// <exception cref="TimeoutException">It did not exit; the message carries its output.</exception>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await Current.Exited.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the node did not exit within {timeout.TotalSeconds:0.#} s. {Describe()}");
        }

        await Current.WaitForOutputEndAsync(timeout);
    }

    /// <summary>Command line, exit code and output, for failure messages.</summary>
    public string Describe() =>
        $"node `{string.Join(' ', _arguments)}` (exit code: {ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "running"}) output:\n{Output}";

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var run in _runs)
        {
            await run.DisposeAsync();
        }

        if (_ownsStateDir)
        {
            try
            {
                Directory.Delete(StateDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private void Launch()
    {
        var (program, arguments, file, missing) = Executable is { } executable
            ? (executable, _arguments, executable, $"PINEURONS_TEST_NODE names {executable}, which does not exist")
            : ("dotnet", (IReadOnlyList<string>)[DllPath, .. _arguments], DllPath, $"the node is not built next to the tests: {DllPath} is missing");
        if (!File.Exists(file))
        {
            throw new FileNotFoundException(missing, file);
        }

        // The node must see only what the test passes: no PINEURONS_* settings of the machine running the tests.
        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("PINEURONS_", StringComparison.Ordinal) || k == "STATE_DIRECTORY")
            .ToDictionary(k => k, _ => (string?)null);
        foreach (var (name, value) in _environment)
        {
            environment[name] = value;
        }

        // Plain console lines, no colour codes in failure messages.
        environment["DOTNET_LOGGING__CONSOLE__DISABLECOLORS"] = "true";
        _runs.Add(ChildProcess.Start(program, arguments, new ChildProcessOptions
        {
            WorkingDirectory = StateDir,
            Environment = environment,
            Description = $"node {string.Join(' ', _arguments)}",
        }));
    }
}
