using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PiNeurons.Aggregator.Tests.Ingest;

/// <summary>Keeps every message logged through it, with its level and event id, as an operator would read them.</summary>
public sealed class LogLines : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, int EventId, string Message)> _lines = new();

    public IReadOnlyList<(LogLevel Level, int EventId, string Message)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogLines owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue((logLevel, eventId.Id, formatter(state, exception)));
    }
}
