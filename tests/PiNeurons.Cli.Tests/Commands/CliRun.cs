using System.Text;

namespace PiNeurons.Cli.Tests.Commands;

/// <summary>Runs the CLI in-process, as <c>pineurons</c> would run, capturing stdout and stderr.</summary>
internal static class CliRun
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new LineWriter();
        var error = new LineWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return new CliResult(code, output.Text, error.Text);
    }

    /// <summary>Starts the CLI without waiting, for tests that play the neuron while it runs.</summary>
    public static (Task<int> Exit, LineWriter Output, LineWriter Error) Start(params string[] args) => Start(CancellationToken.None, args);

    /// <summary>Starts the CLI; cancelling <paramref name="ct"/> is the test's Ctrl+C.</summary>
    public static (Task<int> Exit, LineWriter Output, LineWriter Error) Start(CancellationToken ct, params string[] args)
    {
        var output = new LineWriter();
        var error = new LineWriter();
        return (Task.Run(() => CliApp.RunAsync(args, output, error, ct)), output, error);
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>A thread-safe TextWriter that a test can wait on until some text was written.</summary>
internal sealed class LineWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly List<(string Needle, TaskCompletionSource Signal)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value) => Append(value);

    public override void Write(char[] buffer, int index, int count) => Append(new string(buffer, index, count));

    public async Task WaitForAsync(string needle, TimeSpan? timeout = null)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_text)
        {
            if (_text.ToString().Contains(needle, StringComparison.Ordinal))
            {
                return;
            }

            _waiters.Add((needle, signal));
        }

        try
        {
            await signal.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{needle}' was never written; got:\n{Text}");
        }
    }

    private void Append(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        List<TaskCompletionSource> done = [];
        lock (_text)
        {
            _text.Append(value);
            var text = _text.ToString();
            foreach (var waiter in _waiters.Where(w => text.Contains(w.Needle, StringComparison.Ordinal)).ToList())
            {
                _waiters.Remove(waiter);
                done.Add(waiter.Signal);
            }
        }

        foreach (var signal in done)
        {
            signal.TrySetResult();
        }
    }
}
