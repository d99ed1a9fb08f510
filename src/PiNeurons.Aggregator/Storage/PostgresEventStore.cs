using Npgsql;

namespace PiNeurons.Aggregator.Storage;

/// <summary>
/// The shared history for several aggregator replicas, each storing its share of the events (an MQTT shared
/// subscription), or each offering every event and storing those no other replica stored first. Appends are serialized
/// across replicas by an advisory lock (see <see cref="PostgresSchema.AppendLockKey"/>); reads run freely on pooled
/// connections.
/// </summary>
internal sealed class PostgresEventStore : IEventStore
{
    // The first size-retention delete is a probe; later ones are sized from the bytes per row it freed.
    private const int FirstRetentionChunk = 1000;
    private const int MaxRetentionChunk = 50_000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _where;
    private readonly ILogger<PostgresEventStore> _logger;

    /// <summary>A store on the database <paramref name="connectionString"/> names; nothing connects before <see cref="InitializeAsync"/>.</summary>
    public PostgresEventStore(string connectionString, ILogger<PostgresEventStore> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(logger);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _where = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
        _logger = logger;
    }

    /// <inheritdoc />
    public string Kind => "postgres";

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var create = new NpgsqlCommand(PostgresSchema.Create, connection, transaction))
        {
            create.Parameters.AddWithValue("key", PostgresSchema.SchemaLockKey);
            await create.ExecuteNonQueryAsync(ct);
        }

        // Still under the schema lock: of replicas starting together, one upgrades and the others find it done.
        await UpgradeAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
        StorageLog.Ready(_logger, Kind, _where);
    }

    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(IReadOnlyList<IncomingEvent> batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return AppendResult.Empty;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // One round trip: the lock, the whole batch, and the counters of the neurons it touches (read after
        // the lock, so no other replica can change them before this transaction commits).
        await using var round = new NpgsqlBatch(connection, transaction);
        var lockCommand = new NpgsqlBatchCommand(PostgresSchema.Lock);
        lockCommand.Parameters.AddWithValue("key", PostgresSchema.AppendLockKey);
        round.BatchCommands.Add(lockCommand);
        round.BatchCommands.Add(InsertCommand(batch));
        var readCounters = new NpgsqlBatchCommand(PostgresSchema.ReadSomeCounters);
        readCounters.Parameters.AddWithValue("neurons", batch.Select(e => Text(e.Neuron)).Distinct(StringComparer.Ordinal).ToArray());
        round.BatchCommands.Add(readCounters);

        var inserted = new List<(string Neuron, long Seq, long IdentityAt)>(batch.Count);
        var tallies = new Dictionary<string, NeuronTally>(StringComparer.Ordinal);
        await using (var reader = await round.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                inserted.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
            }

            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var counters = EventRows.ReadCounters(reader);
                tallies.Add(counters.Neuron, new NeuronTally(counters));
            }
        }

        var stored = StoredOf(batch, inserted);
        long gaps = 0;
        foreach (var e in stored)
        {
            var neuron = Text(e.Neuron);
            if (!tallies.TryGetValue(neuron, out var tally))
            {
                tally = new NeuronTally(neuron);
                tallies.Add(neuron, tally);
            }

            gaps += tally.Count(e.Seq, e.Type, e.ReceivedAt);
        }

        if (stored.Count > 0)
        {
            await using var upsert = UpsertCommand(connection, transaction, tallies.Values);
            await upsert.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return new AppendResult(stored, batch.Count - stored.Count, gaps);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredEvent>> QueryAsync(EventQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = _dataSource.CreateCommand();
        EventRows.PrepareQuery(command, query);
        return await EventRows.ReadAsync(command, ct);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long afterId, int limit, CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand();
        EventRows.PrepareReadAfter(command, afterId, limit);
        return await EventRows.ReadAsync(command, ct);
    }

    /// <inheritdoc />
    public Task<long> GetLastIdAsync(CancellationToken ct) => ScalarAsync("SELECT coalesce(max(id), 0) FROM events", ct);

    /// <inheritdoc />
    public async Task<IReadOnlyList<NeuronCounters>> ReadCountersAsync(CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(PostgresSchema.ReadCounters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counters = new List<NeuronCounters>();
        while (await reader.ReadAsync(ct))
        {
            counters.Add(EventRows.ReadCounters(reader));
        }

        return counters;
    }

    /// <summary>
    /// The bytes of the stored event rows (<c>pg_column_size</c> of each row, kept up to date by every insert
    /// and delete), not the files on disk: PostgreSQL does not shrink a table on DELETE, it reuses the space
    /// once (auto)vacuum has marked it free, so the files stop growing once retention holds the rows under the
    /// limit. Indexes, page overhead and dead rows come on top; expect the files to be roughly twice this.
    /// </summary>
    public Task<long> GetSizeBytesAsync(CancellationToken ct) => ScalarAsync(PostgresSchema.LiveBytes, ct);

    /// <summary>
    /// Age first (by received time), then the oldest events in chunks while <see cref="GetSizeBytesAsync"/> is
    /// over the limit. Each delete is its own short transaction, so replicas keep appending meanwhile. Counters
    /// are not rewound: they count everything ever stored.
    /// </summary>
    public async Task<long> ApplyRetentionAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        long deleted = 0;
        if (policy.MaxAge is { } maxAge)
        {
            var cutoff = now - maxAge;
            await using var delete = _dataSource.CreateCommand(PostgresSchema.DeleteOlderThan);
            delete.Parameters.AddWithValue("cutoff", cutoff.ToUnixTimeMilliseconds());
            var (byAge, _) = await DeleteAsync(delete, ct);
            if (byAge > 0)
            {
                StorageLog.DeletedByAge(_logger, byAge, cutoff);
            }

            deleted += byAge;
        }

        if (policy.MaxBytes is { } maxBytes)
        {
            deleted += await DeleteOldestUntilAsync(maxBytes, ct);
        }

        return deleted;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<long> DeleteOldestUntilAsync(long maxBytes, CancellationToken ct)
    {
        var before = await GetSizeBytesAsync(ct);
        var size = before;
        long deleted = 0;
        long chunk = FirstRetentionChunk;
        while (size > maxBytes)
        {
            await using var delete = _dataSource.CreateCommand(PostgresSchema.DeleteOldest);
            delete.Parameters.AddWithValue("count", chunk);
            var (rows, bytes) = await DeleteAsync(delete, ct);
            if (rows == 0)
            {
                break;
            }

            deleted += rows;
            // Re-read rather than subtract: other replicas append while this runs.
            size = await GetSizeBytesAsync(ct);
            var bytesPerRow = Math.Max(1, bytes / rows);
            chunk = Math.Clamp(((size - maxBytes) + bytesPerRow - 1) / bytesPerRow, 1, MaxRetentionChunk);
        }

        if (deleted > 0)
        {
            StorageLog.DeletedBySize(_logger, deleted, before, size, maxBytes);
        }

        return deleted;
    }

    /// <summary>Brings the database to <see cref="PostgresSchema.Version"/> in the caller's transaction.</summary>
    private async Task UpgradeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        int version;
        await using (var read = new NpgsqlCommand(PostgresSchema.ReadVersion, connection, transaction))
        {
            version = (int)(await read.ExecuteScalarAsync(ct) ?? 1);
        }

        if (version > PostgresSchema.Version)
        {
            throw new InvalidOperationException(
                $"{_where} has schema version {version}, made by a newer aggregator than this one (version {PostgresSchema.Version}): run that version");
        }

        if (version == PostgresSchema.Version)
        {
            return;
        }

        var removed = await IdentityUpgrade.RunAsync(connection, transaction, PostgresSchema.AddNeuronAt, ct);
        await using var write = new NpgsqlCommand(PostgresSchema.RecountBytes + ";" + PostgresSchema.WriteVersion, connection, transaction);
        write.Parameters.AddWithValue("version", PostgresSchema.Version);
        await write.ExecuteNonQueryAsync(ct);
        StorageLog.Upgraded(_logger, Kind, version, PostgresSchema.Version, removed);
    }

    /// <summary>
    /// The events of <paramref name="batch"/> that the insert returned, in batch order. A row names its event by
    /// identity; when a batch holds one event twice, the first copy is the one stored (the insert keeps batch order).
    /// </summary>
    private static List<IncomingEvent> StoredOf(IReadOnlyList<IncomingEvent> batch, List<(string Neuron, long Seq, long IdentityAt)> inserted)
    {
        var stored = new List<IncomingEvent>(inserted.Count);
        if (inserted.Count == 0)
        {
            return stored;
        }

        var pending = inserted.ToHashSet();
        foreach (var e in batch)
        {
            if (pending.Remove((Text(e.Neuron), e.Seq, e.IdentityAt.ToUnixTimeMilliseconds())))
            {
                stored.Add(e);
            }
        }

        return stored;
    }

    private static async Task<(long Rows, long Bytes)> DeleteAsync(NpgsqlCommand delete, CancellationToken ct)
    {
        await using var reader = await delete.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static NpgsqlBatchCommand InsertCommand(IReadOnlyList<IncomingEvent> batch)
    {
        var n = batch.Count;
        var neuron = new string[n];
        var seq = new long[n];
        var type = new string[n];
        var from = new string?[n];
        var at = new long[n];
        var neuronAt = new long?[n];
        var hop = new int?[n];
        var reason = new string?[n];
        var received = new long[n];
        var payload = new string[n];
        for (var i = 0; i < n; i++)
        {
            var e = batch[i];
            neuron[i] = Text(e.Neuron);
            seq[i] = e.Seq;
            type[i] = Text(e.Type);
            from[i] = e.From is null ? null : Text(e.From);
            at[i] = e.At.ToUnixTimeMilliseconds();
            neuronAt[i] = e.NeuronAt?.ToUnixTimeMilliseconds();
            hop[i] = e.Hop;
            reason[i] = e.Reason is null ? null : Text(e.Reason);
            received[i] = e.ReceivedAt.ToUnixTimeMilliseconds();
            payload[i] = Text(e.Payload);
        }

        var command = new NpgsqlBatchCommand(PostgresSchema.Insert);
        command.Parameters.AddWithValue("neuron", neuron);
        command.Parameters.AddWithValue("seq", seq);
        command.Parameters.AddWithValue("type", type);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("at", at);
        command.Parameters.AddWithValue("neuron_at", neuronAt);
        command.Parameters.AddWithValue("hop", hop);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("received", received);
        command.Parameters.AddWithValue("payload", payload);
        return command;
    }

    private static NpgsqlCommand UpsertCommand(NpgsqlConnection connection, NpgsqlTransaction transaction, ICollection<NeuronTally> tallies)
    {
        var counters = tallies.Select(t => t.ToCounters()).ToArray();
        var command = new NpgsqlCommand(PostgresSchema.UpsertCounters, connection, transaction);
        command.Parameters.AddWithValue("neuron", counters.Select(c => c.Neuron).ToArray());
        command.Parameters.AddWithValue("events", counters.Select(c => c.Events).ToArray());
        command.Parameters.AddWithValue("kicks", counters.Select(c => c.Kicks).ToArray());
        command.Parameters.AddWithValue("fires", counters.Select(c => c.Fires).ToArray());
        command.Parameters.AddWithValue("refractory", counters.Select(c => c.Refractory).ToArray());
        command.Parameters.AddWithValue("errors", counters.Select(c => c.Errors).ToArray());
        command.Parameters.AddWithValue("last_seq", counters.Select(c => c.LastSeq).ToArray());
        command.Parameters.AddWithValue("missing_seqs", counters.Select(c => c.MissingSeqs).ToArray());
        command.Parameters.AddWithValue("last_seen", counters.Select(c => c.LastSeen.ToUnixTimeMilliseconds()).ToArray());
        return command;
    }

    /// <summary>
    /// PostgreSQL text cannot hold U+0000, which JSON lets a neuron send as \u0000; refusing it would make
    /// the whole batch fail again on every retry, so it is stored as U+FFFD instead.
    /// </summary>
    private static string Text(string value) => value.Contains('\0', StringComparison.Ordinal) ? value.Replace('\0', '\uFFFD') : value;

    private async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync(ct) is long value ? value : 0;
    }
}
