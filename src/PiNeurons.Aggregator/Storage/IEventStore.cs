namespace PiNeurons.Aggregator.Storage;

/// <summary>
/// Durable event history: the one seam between the aggregator and its database (SQLite by default,
/// PostgreSQL for replicas sharing one history). Implementations are safe for concurrent use.
/// </summary>
public interface IEventStore : IAsyncDisposable
{
    /// <summary>A short name for logs and metrics: <c>sqlite</c> or <c>postgres</c>.</summary>
    string Kind { get; }

    /// <summary>Creates the schema if missing. Called once before anything else.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>
    /// Stores a batch in one transaction, in order, and updates the per-neuron counters in the same
    /// transaction. An event already stored (same neuron, seq and the at the neuron wrote:
    /// <see cref="IncomingEvent.IdentityAt"/>) is a duplicate and is skipped, so a redelivery, or the copy another
    /// replica received too, is stored exactly once and counted once. Returns only after the data is durable.
    /// </summary>
    Task<AppendResult> AppendAsync(IReadOnlyList<IncomingEvent> batch, CancellationToken ct);

    /// <summary>One page of the merged timeline, newest (highest id) first.</summary>
    Task<IReadOnlyList<StoredEvent>> QueryAsync(EventQuery query, CancellationToken ct);

    /// <summary>Events with an id above <paramref name="afterId"/>, oldest first: the live tail and SSE resume.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long afterId, int limit, CancellationToken ct);

    /// <summary>The highest id stored, or 0 when empty.</summary>
    Task<long> GetLastIdAsync(CancellationToken ct);

    /// <summary>Per-neuron counters for every neuron the store has seen.</summary>
    Task<IReadOnlyList<NeuronCounters>> ReadCountersAsync(CancellationToken ct);

    /// <summary>The space the history takes, in bytes.</summary>
    Task<long> GetSizeBytesAsync(CancellationToken ct);

    /// <summary>Deletes what the policy says is too old or too much; returns the number of events deleted.</summary>
    Task<long> ApplyRetentionAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken ct);
}
