namespace PiNeurons.Aggregator.Storage;

#pragma warning disable CS1591
public sealed class SqliteEventStore(string path, ILogger<SqliteEventStore> logger) : IEventStore
{
    public string Kind => "sqlite" + path + logger;
    public ValueTask DisposeAsync() => throw new NotImplementedException();
    public Task<AppendResult> AppendAsync(IReadOnlyList<IncomingEvent> batch, CancellationToken ct) => throw new NotImplementedException();
    public Task<long> ApplyRetentionAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken ct) => throw new NotImplementedException();
    public Task<long> GetLastIdAsync(CancellationToken ct) => throw new NotImplementedException();
    public Task<long> GetSizeBytesAsync(CancellationToken ct) => throw new NotImplementedException();
    public Task InitializeAsync(CancellationToken ct) => throw new NotImplementedException();
    public Task<IReadOnlyList<StoredEvent>> QueryAsync(EventQuery query, CancellationToken ct) => throw new NotImplementedException();
    public Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long afterId, int limit, CancellationToken ct) => throw new NotImplementedException();
    public Task<IReadOnlyList<NeuronCounters>> ReadCountersAsync(CancellationToken ct) => throw new NotImplementedException();
}
public sealed class PostgresEventStore(string c, ILogger<PostgresEventStore> logger) : IEventStore
{
    public string Kind => "postgres" + c + logger;
    public ValueTask DisposeAsync() => throw new NotImplementedException();
    public Task<AppendResult> AppendAsync(IReadOnlyList<IncomingEvent> batch, CancellationToken ct) => throw new NotImplementedException();
    public Task<long> ApplyRetentionAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken ct) => throw new NotImplementedException();
    public Task<long> GetLastIdAsync(CancellationToken ct) => throw new NotImplementedException();
    public Task<long> GetSizeBytesAsync(CancellationToken ct) => throw new NotImplementedException();
    public Task InitializeAsync(CancellationToken ct) => throw new NotImplementedException();
    public Task<IReadOnlyList<StoredEvent>> QueryAsync(EventQuery query, CancellationToken ct) => throw new NotImplementedException();
    public Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long afterId, int limit, CancellationToken ct) => throw new NotImplementedException();
    public Task<IReadOnlyList<NeuronCounters>> ReadCountersAsync(CancellationToken ct) => throw new NotImplementedException();
}
