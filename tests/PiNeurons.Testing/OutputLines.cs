using System.Text;

namespace PiNeurons.Testing;

/// <summary>
/// What a child process writes, line by line as it comes: both streams in arrival order, each stream on its
/// own, the end of both, and a signal for the first line a test waits for (lines already written count).
/// Thread-safe: the two streams are read on thread-pool threads while the test reads and waits.
/// </summary>
internal sealed class OutputLines
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly StringBuilder _standardOutput = new();
    private readonly StringBuilder _standardError = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Signal)> _waiters = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _openStreams = 2;

    /// <summary>Completes when both streams have ended.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Every line of both streams so far, in arrival order.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Stdout so far, each line ended by a newline.</summary>
    public string StandardOutput
    {
        get
        {
            lock (_gate)
            {
                return _standardOutput.ToString();
            }
        }
    }

    /// <summary>Stderr so far, each line ended by a newline.</summary>
    public string StandardError
    {
        get
        {
            lock (_gate)
            {
                return _standardError.ToString();
            }
        }
    }

    /// <summary>Records a stdout line; null is the end of the stream.</summary>
    public void AddOutput(string? line) => Add(line, _standardOutput);

    /// <summary>Records a stderr line; null is the end of the stream.</summary>
    public void AddError(string? line) => Add(line, _standardError);

    /// <summary>The first line <paramref name="match"/> accepts: at once if one was written, else when it comes.
    /// Never completes when none comes; the caller bounds the wait.</summary>
    public Task<string> FirstAsync(Func<string, bool> match, CancellationToken ct)
    {
        var signal = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return Task.FromResult(line);
            }

            _waiters.Add((match, signal));
        }

        ct.Register(() =>
        {
            lock (_gate)
            {
                _waiters.RemoveAll(w => w.Signal == signal);
            }

            signal.TrySetCanceled(ct);
        });
        return signal.Task;
    }

    private void Add(string? line, StringBuilder stream)
    {
        if (line is null)
        {
            if (Interlocked.Decrement(ref _openStreams) == 0)
            {
                _closed.TrySetResult();
            }

            return;
        }

        List<TaskCompletionSource<string>> matched = [];
        lock (_gate)
        {
            _lines.Add(line);
            stream.Append(line).Append('\n');
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                matched.Add(waiter.Signal);
                _waiters.Remove(waiter);
            }
        }

        // Outside the lock: a waiter's continuation may read the lines.
        foreach (var signal in matched)
        {
            signal.TrySetResult(line);
        }
    }
}
