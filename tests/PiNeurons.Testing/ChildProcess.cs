using System.Diagnostics;
using System.Globalization;

namespace PiNeurons.Testing;

/// <summary>
/// A program the test runs as a child process: started with its arguments and environment, its stdout and
/// stderr recorded line by line and awaitable, its exit awaitable, stopped with SIGTERM (or another signal)
/// and killed with everything it started. The one way the tests start a process: the wrappers of Mosquitto,
/// PostgreSQL, Node-RED, the node and the aggregator keep their own set-up and build on this.
/// </summary>
/// <remarks>
/// <para>It runs under <c>setsid</c>, so the program and everything it starts (a shell's <c>cmd &amp;</c>, what
/// <c>dotnet run</c> launches, PostgreSQL's backends) share a process group of their own, which
/// <see cref="KillAsync"/> kills as a whole: a background job outlives its parent and would escape a kill of
/// the process tree. <c>setsid</c> execs the program in place, so <see cref="Id"/> is the program's own pid.</para>
/// <para>The exit is taken from the program's own exit, not the end of its output: a background job holding
/// the pipes can keep the output open long after.</para>
/// </remarks>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly OutputLines _output = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, string description)
    {
        _process = process;
        Description = description;
    }

    /// <summary>What runs, for messages: the program and its arguments, or what the options named it.</summary>
    public string Description { get; }

    /// <summary>The program's process id, which is also its process group's id.</summary>
    public int Id => _process.Id;

    /// <summary>Completes with the exit code when the program exits.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>The exit code, once exited.</summary>
    public int? ExitCode => _exited.Task.IsCompletedSuccessfully ? _exited.Task.Result : null;

    /// <summary>Whether the program still runs.</summary>
    public bool IsRunning => !_exited.Task.IsCompleted;

    /// <summary>Every line written to stdout and stderr so far, in arrival order.</summary>
    public IReadOnlyList<string> Lines => _output.Lines;

    /// <summary>Everything written so far, one line per line.</summary>
    public string Output => string.Join('\n', Lines);

    /// <summary>What it wrote to stdout so far.</summary>
    public string StandardOutput => _output.StandardOutput;

    /// <summary>What it wrote to stderr so far.</summary>
    public string StandardError => _output.StandardError;

    /// <summary>Starts <paramref name="program"/> (a path, or a name looked up as <see cref="ProgramPath.Find"/> does).</summary>
    /// <exception cref="FileNotFoundException">No such program.</exception>
    public static ChildProcess Start(string program, IEnumerable<string> arguments, ChildProcessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(arguments);
        options ??= new ChildProcessOptions();
        var args = arguments.ToList();
        var path = program.Contains('/', StringComparison.Ordinal) ? program : ProgramPath.Find(program, $"{program} is not installed");
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add(path);
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process, options.Description ?? string.Join(' ', [program, .. args]));
        process.OutputDataReceived += (_, e) => child._output.AddOutput(e.Data);
        process.ErrorDataReceived += (_, e) => child._output.AddError(e.Data);
        process.Exited += (_, _) => child._exited.TrySetResult(process.ExitCode);
        process.Start();
        // Nothing is typed into it: a program that reads stdin sees its end at once instead of waiting forever.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs <paramref name="program"/> to its end and returns its exit code and output.</summary>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/>; it is killed, and the message carries its output.</exception>
    public static async Task<ChildProcessResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, ChildProcessOptions? options = null)
    {
        var process = Start(program, arguments, options);
        await using (process.ConfigureAwait(false))
        {
            var exitCode = await process.WaitForExitAsync(timeout).ConfigureAwait(false);
            // Its whole output, unless a background job of it still holds the pipes (then what came within the timeout).
            await process.WaitForOutputEndAsync(timeout).ConfigureAwait(false);
            return new ChildProcessResult(exitCode, process.StandardOutput, process.StandardError);
        }
    }

    /// <summary><see cref="RunAsync"/> for set-up code that cannot await (a constructor, a static file builder).</summary>
    public static ChildProcessResult Run(string program, IEnumerable<string> arguments, TimeSpan timeout, ChildProcessOptions? options = null) =>
        // Safe to block on: nothing in RunAsync resumes on the caller's synchronization context.
        RunAsync(program, arguments, timeout, options).GetAwaiter().GetResult();

    /// <summary>The last <paramref name="count"/> lines of output.</summary>
    public IReadOnlyList<string> Tail(int count)
    {
        var lines = Lines;
        return [.. lines.Skip(Math.Max(0, lines.Count - count))];
    }

    /// <summary>Waits for the program to exit and returns its exit code.</summary>
    /// <exception cref="TimeoutException">It still runs; the message carries its output.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            return await Exited.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"did not exit within {timeout.TotalSeconds:0.#} s: {Describe()}"));
        }
    }

    /// <summary>Waits until the output ends, both pipes closed: for a program that exited, its whole output has then
    /// arrived (unless a background job of it still holds the pipes, which the timeout bounds).</summary>
    public async Task WaitForOutputEndAsync(TimeSpan timeout)
    {
        using var expiry = new CancellationTokenSource();
        await Task.WhenAny(_output.Closed, Task.Delay(timeout, expiry.Token)).ConfigureAwait(false);
        await expiry.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>Waits for a line of output that <paramref name="match"/> accepts (lines already written count).</summary>
    /// <param name="match">Which line.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="what">The line, as the failure message names it.</param>
    /// <exception cref="TimeoutException">None came in time, or the output ended without one; the message carries the output.</exception>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        using var done = new CancellationTokenSource();
        var line = _output.FirstAsync(match, done.Token);
        // The end of the output, not the exit: the last lines of a program that just exited may still be on their way.
        var expired = Task.Delay(timeout, done.Token);
        await Task.WhenAny(line, _output.Closed, expired).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
        if (line.IsCompletedSuccessfully)
        {
            return line.Result;
        }

        if (_output.Closed.IsCompleted)
        {
            // A program whose output ended is exiting: wait for that, so the message gives its exit code.
            await Task.WhenAny(Exited, Task.Delay(timeout)).ConfigureAwait(false);
        }

        var why = _output.Closed.IsCompleted ? "its output ended" : string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalSeconds:0.#} s passed");
        throw new TimeoutException($"no line with {what} ({why}): {Describe()}");
    }

    /// <summary>Sends <paramref name="signal"/> (a name kill(1) knows: TERM, INT, HUP) to the program itself, not its group:
    /// a PostgreSQL or a shell passes the shutdown on to its children its own way.</summary>
    public Task SignalAsync(string signal) => SendAsync(signal, Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>SIGTERM (what systemctl stop and docker stop send), then waits for the program to exit by itself.</summary>
    /// <exception cref="TimeoutException">It did not exit in time; the message carries its output.</exception>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (IsRunning)
        {
            await SignalAsync("TERM").ConfigureAwait(false);
        }

        return await WaitForExitAsync(timeout).ConfigureAwait(false);
    }

    /// <summary>SIGKILL of the whole process group (background jobs included), then waits for the program's exit:
    /// nothing closes cleanly.</summary>
    public async Task KillAsync()
    {
        // The group outlives the program while a background job of it runs, so it is killed even after the program exited.
        await SendAsync("KILL", "-" + Id.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        await Exited.ConfigureAwait(false);
    }

    /// <summary>What runs, whether it still does or its exit code, and its output: for failure messages.</summary>
    public string Describe()
    {
        var state = IsRunning ? "still running" : string.Create(CultureInfo.InvariantCulture, $"exited {ExitCode}");
        return $"`{Description}` ({state}); output:\n{Output}";
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private static async Task SendAsync(string signal, string target)
    {
        // kill(1) rather than Process.Kill: that sends SIGKILL to one process only, never SIGTERM nor to a group.
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, "--", target])
        {
            // A target already gone is no error here; its "No such process" is not for the test's output.
            RedirectStandardError = true,
        });
        if (kill is not null)
        {
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }
    }
}
