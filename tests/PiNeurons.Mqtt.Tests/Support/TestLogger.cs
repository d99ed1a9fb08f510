using Microsoft.Extensions.Logging;

namespace PiNeurons.Mqtt.Tests.Support;

/// <summary>Records log entries so tests can assert on them and print them when they fail.</summary>
internal sealed class TestLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, EventId Id, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    private readonly List<(int EventId, int Count, TaskCompletionSource Signal)> _waiters = [];

    /// <summary>Completes when an entry with <paramref name="eventId"/> is (or was) logged.</summary>
    public Task WaitForAsync(int eventId, TimeSpan timeout) => WaitForAsync(eventId, 1, timeout);

    /// <summary>Completes when <paramref name="count"/> entries with <paramref name="eventId"/> are (or were) logged.</summary>
    public Task WaitForAsync(int eventId, int count, TimeSpan timeout)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_entries)
        {
            if (_entries.Count(e => e.Id.Id == eventId) >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((eventId, count, signal));
        }

        return signal.Task.WaitAsync(timeout);
    }

    public int Count(int eventId) => Entries.Count(e => e.Id.Id == eventId);

    public override string ToString() => string.Join('\n', Entries.Select(e => $"{e.Level} [{e.Id.Id}] {e.Message}"));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, eventId, formatter(state, exception) + (exception is null ? "" : $" ({exception.Message})")));
            var logged = _entries.Count(e => e.Id.Id == eventId.Id);
            foreach (var waiter in _waiters.Where(w => w.EventId == eventId.Id && logged >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
    }
}
