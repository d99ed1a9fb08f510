using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PiNeurons.Testing;

/// <summary>
/// A bash command line (or script file) run as a child process, the way a reader's shell runs it: its stdout
/// and stderr lines recorded as they come and awaitable, its exit awaitable, and a stop that ends everything
/// it started.
/// </summary>
/// <remarks>
/// It runs under <c>setsid</c>, so the command and everything it starts (a <c>cmd &amp;</c>, what
/// <c>dotnet run</c> launches) share a process group of their own, which <see cref="StopAsync"/> kills as a
/// whole: a background job outlives its shell and would escape a kill of the process tree. For the same
/// reason the exit is taken from the exit of the shell itself: the end of its output can be much later, when
/// a background job holds the pipe.
/// </remarks>
public sealed class ShellProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _standardOutput = new();
    private readonly StringBuilder _standardError = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Signal)> _waiters = [];
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _openStreams = 2;

    private ShellProcess(Process process, string description)
    {
        _process = process;
        Description = description;
    }

    /// <summary>What runs, for messages: the command line, or the script's path.</summary>
    public string Description { get; }

    /// <summary>Completes with the exit code when the shell exits.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>The exit code, once exited.</summary>
    public int? ExitCode => _exited.Task.IsCompletedSuccessfully ? _exited.Task.Result : null;

    /// <summary>Whether the shell is still running.</summary>
    public bool IsRunning => !_exited.Task.IsCompleted;

    /// <summary>Every line written to stdout and stderr so far, in arrival order.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Everything written so far, one line per line.</summary>
    public string Output => string.Join('\n', Lines);

    /// <summary>What it wrote to stdout so far.</summary>
    public string StandardOutput
    {
        get
        {
            lock (_lines)
            {
                return _standardOutput.ToString();
            }
        }
    }

    /// <summary>What it wrote to stderr so far.</summary>
    public string StandardError
    {
        get
        {
            lock (_lines)
            {
                return _standardError.ToString();
            }
        }
    }

    /// <summary>Runs <c>bash -c <paramref name="commandLine"/></c>.</summary>
    public static ShellProcess Start(string commandLine, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        Launch(["-c", commandLine], commandLine, workingDirectory, environment);

    /// <summary>Runs <c>bash <paramref name="scriptPath"/></c>, so bash's messages name the script and its lines.</summary>
    public static ShellProcess StartFile(string scriptPath, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        Launch([scriptPath], scriptPath, workingDirectory, environment);

    /// <summary>The last <paramref name="count"/> lines of output.</summary>
    public IReadOnlyList<string> Tail(int count)
    {
        var lines = Lines;
        return [.. lines.Skip(Math.Max(0, lines.Count - count))];
    }

    /// <summary>Waits for the shell to exit and returns its exit code.</summary>
    /// <exception cref="TimeoutException">It still runs; the message carries its output.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            return await Exited.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"`{Description}` did not exit within {timeout.TotalSeconds:0.#} s; output:\n{Output}"));
        }
    }

    /// <summary>Waits until the output ends, both pipes closed: for a command that exited, its whole output has then
    /// arrived (unless a background job of it still holds the pipes, which the timeout bounds).</summary>
    public async Task WaitForOutputEndAsync(TimeSpan timeout)
    {
        using var expiry = new CancellationTokenSource();
        await Task.WhenAny(_outputClosed.Task, Task.Delay(timeout, expiry.Token));
        await expiry.CancelAsync();
    }

    /// <summary>Waits for a line of output that <paramref name="match"/> accepts (lines already written count).</summary>
    /// <exception cref="TimeoutException">None came in time, or the output ended without one; the message carries the output.</exception>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        var signal = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            _waiters.Add((match, signal));
        }

        // The end of the output, not the exit: the last lines of a command that just exited may still be on their way.
        using var expiry = new CancellationTokenSource();
        var expired = Task.Delay(timeout, expiry.Token);
        await Task.WhenAny(signal.Task, _outputClosed.Task, expired);
        await expiry.CancelAsync();
        lock (_lines)
        {
            _waiters.RemoveAll(w => w.Signal == signal);
        }

        if (signal.Task.IsCompletedSuccessfully)
        {
            return signal.Task.Result;
        }

        if (_outputClosed.Task.IsCompleted)
        {
            // A command whose output ended is exiting: wait for that, so the message gives its exit code.
            await Task.WhenAny(Exited, Task.Delay(timeout));
        }

        var state = IsRunning ? "still running" : $"exited {ExitCode}";
        var why = _outputClosed.Task.IsCompleted ? "its output ended" : string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalSeconds:0.#} s passed");
        throw new TimeoutException($"no line with {what} from `{Description}` ({state}): {why}; output:\n{Output}");
    }

    /// <summary>Kills the command's whole process group (background jobs included) and waits for the shell's exit.</summary>
    public async Task StopAsync()
    {
        // The group outlives the shell while a background job runs, so it is killed even after the shell exited.
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-KILL", "--", "-" + _process.Id.ToString(CultureInfo.InvariantCulture)])
               {
                   RedirectStandardError = true,
               }))
        {
            if (kill is not null)
            {
                await kill.WaitForExitAsync();
            }
        }

        await Exited;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private static ShellProcess Launch(string[] bashArguments, string description, string? workingDirectory, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in (string[])["bash", "--noprofile", "--norc", .. bashArguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
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
        var command = new ShellProcess(process, description);
        process.OutputDataReceived += (_, e) => command.Add(e.Data, command._standardOutput);
        process.ErrorDataReceived += (_, e) => command.Add(e.Data, command._standardError);
        process.Exited += (_, _) => command._exited.TrySetResult(process.ExitCode);
        process.Start();
        // Nothing is typed into it: a command that reads stdin sees its end at once instead of waiting forever.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return command;
    }

    private void Add(string? line, StringBuilder stream)
    {
        if (line is null)
        {
            if (Interlocked.Decrement(ref _openStreams) == 0)
            {
                _outputClosed.TrySetResult();
            }

            return;
        }

        List<TaskCompletionSource<string>> matched = [];
        lock (_lines)
        {
            _lines.Add(line);
            stream.Append(line).Append('\n');
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                matched.Add(waiter.Signal);
                _waiters.Remove(waiter);
            }
        }

        foreach (var signal in matched)
        {
            signal.TrySetResult(line);
        }
    }
}
