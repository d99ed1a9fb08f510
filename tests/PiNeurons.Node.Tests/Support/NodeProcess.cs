using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PiNeurons.Node.Tests.Support;

/// <summary>
/// A real node process: <c>dotnet PiNeurons.Node.dll args</c>, with stdout and stderr captured for failure
/// messages and a state directory of its own (kept across <see cref="Restart"/>, deleted on dispose).
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly IReadOnlyList<string> _arguments;
    private readonly bool _ownsStateDir;
    private Process? _process;

    private readonly IReadOnlyDictionary<string, string> _environment;

    private NodeProcess(IReadOnlyList<string> arguments, string stateDir, bool ownsStateDir, IReadOnlyDictionary<string, string>? environment = null)
    {
        _arguments = arguments;
        _environment = environment ?? new Dictionary<string, string>();
        StateDir = stateDir;
        _ownsStateDir = ownsStateDir;
    }

    /// <summary>The node's build output: the test project references src/PiNeurons.Node, so the dll,
    /// its runtimeconfig and its dependencies are copied next to the test assembly.</summary>
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "PiNeurons.Node.dll");

    /// <summary>The state directory passed as <c>--state-dir</c> (when the test did not give one itself).</summary>
    public string StateDir { get; }

    /// <summary>The exit code, once exited.</summary>
    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>Completes when the current run of the process exits.</summary>
    public Task Exited { get; private set; } = Task.CompletedTask;

    /// <summary>The operating system's id of the current run (dotnet runs the node in its own process).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("not started");

    /// <summary>Whether the process is still running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything the node wrote to stdout and stderr so far.</summary>
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

    /// <summary>Starts the node with <paramref name="arguments"/> plus <c>--state-dir</c> (a fresh temp dir)
    /// unless the arguments name one.</summary>
    public static NodeProcess Start(params string[] arguments)
    {
        var givenStateDir = IndexOf(arguments, "--state-dir");
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
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM (what systemctl stop sends), then waits for the node to exit by itself.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(20));
    }

    /// <summary>Starts the same command line again (same state dir) after the previous run ended.</summary>
    public void Restart()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("the node is still running; stop or kill it first");
        }

        Append("----- restart -----");
        Launch();
    }

    /// <summary>Waits for the process to exit.</summary>
    /// <exception cref="TimeoutException">It did not; the message carries its output.</exception>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("not started");
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the node did not exit within {timeout.TotalSeconds:0.#} s. {Describe()}");
        }
    }

    /// <summary>Command line, exit code and output, for failure messages.</summary>
    public string Describe() =>
        $"node `{string.Join(' ', _arguments)}` (exit code: {ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "running"}) output:\n{Output}";

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
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

    private static int IndexOf(string[] arguments, string option) => Array.IndexOf(arguments, option);

    private void Launch()
    {
        if (!File.Exists(DllPath))
        {
            throw new FileNotFoundException($"the node is not built next to the tests: {DllPath} is missing", DllPath);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = StateDir,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The node must see only what the test passes: no PINEURONS_* settings of the machine running the tests.
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("PINEURONS_", StringComparison.Ordinal) || k == "STATE_DIRECTORY").ToList())
        {
            start.Environment.Remove(variable);
        }

        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        // Plain console lines, no colour codes in failure messages.
        start.Environment["DOTNET_LOGGING__CONSOLE__DISABLECOLORS"] = "true";
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process?.Dispose();
        _process = process;
        Exited = process.WaitForExitAsync();
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
    }
}
