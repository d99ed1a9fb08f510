using Microsoft.Data.Sqlite;

namespace PiNeurons.Aggregator.Storage;

/// <summary>
/// The default history: one SQLite file on the aggregator's disk. One writer connection kept open and guarded
/// by a semaphore (SQLite allows one writer anyway, and waiting here is cheaper than a busy retry); reads take
/// pooled connections of their own so WAL serves them while a batch commits.
/// </summary>
internal sealed class SqliteEventStore : IEventStore
{
    // Deleting 10% at a time keeps an overshoot small; the cap keeps one delete transaction short.
    private const int MaxRetentionChunk = 5000;

    private readonly string _path;
    private readonly string _connectionString;
    private readonly string _writerConnectionString;
    private readonly ILogger<SqliteEventStore> _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writer;

    /// <summary>A store in the file at <paramref name="path"/>; nothing is opened before <see cref="InitializeAsync"/>.</summary>
    public SqliteEventStore(string path, ILogger<SqliteEventStore> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(logger);
        _path = Path.GetFullPath(path);
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
        // The writer lives as long as the store; unpooled, disposing it really closes the file.
        _writerConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
    }

    /// <inheritdoc />
    public string Kind => "sqlite";

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken ct)
    {
        if (Path.GetDirectoryName(_path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await _writeLock.WaitAsync(ct);
        try
        {
            _writer ??= await OpenAsync(_writerConnectionString, ct);
            await NonQueryAsync(_writer, SqliteSchema.Create, ct);
            await UpgradeAsync(_writer, ct);
        }
        finally
        {
            _writeLock.Release();
        }

        StorageLog.Ready(_logger, Kind, _path);
    }

    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(IReadOnlyList<IncomingEvent> batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return AppendResult.Empty;
        }

        await _writeLock.WaitAsync(ct);
        try
        {
            var writer = Writer;
            await using var transaction = (SqliteTransaction)await writer.BeginTransactionAsync(ct);
            await using var insert = Command(writer, transaction, SqliteSchema.Insert);
            var p = AddParameters(insert, "@neuron", "@seq", "@type", "@from", "@at", "@neuron_at", "@hop", "@reason", "@received", "@payload");
            await using var readCounter = Command(writer, transaction, SqliteSchema.ReadOneCounter);
            var counterNeuron = AddParameters(readCounter, "@neuron")[0];
            insert.Prepare();
            readCounter.Prepare();

            var tallies = new Dictionary<string, NeuronTally>(StringComparer.Ordinal);
            var stored = new List<IncomingEvent>(batch.Count);
            long gaps = 0;
            foreach (var e in batch)
            {
                p[0].Value = e.Neuron;
                p[1].Value = e.Seq;
                p[2].Value = e.Type;
                p[3].Value = (object?)e.From ?? DBNull.Value;
                p[4].Value = e.At.ToUnixTimeMilliseconds();
                p[5].Value = (object?)e.NeuronAt?.ToUnixTimeMilliseconds() ?? DBNull.Value;
                p[6].Value = (object?)e.Hop ?? DBNull.Value;
                p[7].Value = (object?)e.Reason ?? DBNull.Value;
                p[8].Value = e.ReceivedAt.ToUnixTimeMilliseconds();
                p[9].Value = e.Payload;
                if (await insert.ExecuteNonQueryAsync(ct) == 0)
                {
                    continue;
                }

                stored.Add(e);
                if (!tallies.TryGetValue(e.Neuron, out var tally))
                {
                    counterNeuron.Value = e.Neuron;
                    tally = await ReadTallyAsync(readCounter, e.Neuron, ct);
                    tallies.Add(e.Neuron, tally);
                }

                gaps += tally.Count(e.Seq, e.Type, e.ReceivedAt);
            }

            await WriteTalliesAsync(writer, transaction, tallies.Values, ct);
            await transaction.CommitAsync(ct);
            return new AppendResult(stored, batch.Count - stored.Count, gaps);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredEvent>> QueryAsync(EventQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(_connectionString, ct);
        await using var command = connection.CreateCommand();
        EventRows.PrepareQuery(command, query);
        return await EventRows.ReadAsync(command, ct);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long afterId, int limit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(_connectionString, ct);
        await using var command = connection.CreateCommand();
        EventRows.PrepareReadAfter(command, afterId, limit);
        return await EventRows.ReadAsync(command, ct);
    }

    /// <inheritdoc />
    public async Task<long> GetLastIdAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(_connectionString, ct);
        return await ScalarAsync(connection, "SELECT coalesce(max(id), 0) FROM events", ct);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<NeuronCounters>> ReadCountersAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(_connectionString, ct);
        await using var command = Command(connection, null, SqliteSchema.ReadCounters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counters = new List<NeuronCounters>();
        while (await reader.ReadAsync(ct))
        {
            counters.Add(EventRows.ReadCounters(reader));
        }

        return counters;
    }

    /// <summary>The pages the database uses, times the page size (the WAL is a journal, not history, and is left out).</summary>
    public async Task<long> GetSizeBytesAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(_connectionString, ct);
        return await ScalarAsync(connection, SqliteSchema.LiveBytes, ct);
    }

    /// <summary>
    /// Age first (by received time), then the oldest events in chunks while the used pages exceed the limit;
    /// the freed pages are then handed back to the file system so the file really shrinks. Counters are not
    /// rewound: they count everything ever stored, and deleting history is not a missing sequence number.
    /// </summary>
    public async Task<long> ApplyRetentionAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        await _writeLock.WaitAsync(ct);
        try
        {
            var writer = Writer;
            long deleted = 0;
            if (policy.MaxAge is { } maxAge)
            {
                var cutoff = now - maxAge;
                await using var delete = Command(writer, null, SqliteSchema.DeleteOlderThan);
                AddParameters(delete, "@cutoff")[0].Value = cutoff.ToUnixTimeMilliseconds();
                var byAge = await delete.ExecuteNonQueryAsync(ct);
                if (byAge > 0)
                {
                    StorageLog.DeletedByAge(_logger, byAge, cutoff);
                }

                deleted += byAge;
            }

            if (policy.MaxBytes is { } maxBytes)
            {
                deleted += await DeleteOldestUntilAsync(writer, maxBytes, ct);
            }

            if (deleted > 0)
            {
                await NonQueryAsync(writer, "PRAGMA incremental_vacuum", ct);
            }

            return deleted;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            if (_writer is { } writer)
            {
                await writer.DisposeAsync();
                _writer = null;
            }

            // Idle pooled readers hold the file open too; only this file's pool is dropped, other stores keep theirs.
            await using var readers = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(readers);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private SqliteConnection Writer =>
        _writer ?? throw new InvalidOperationException("SqliteEventStore: InitializeAsync was not called (or the store is disposed)");

    private async Task<long> DeleteOldestUntilAsync(SqliteConnection writer, long maxBytes, CancellationToken ct)
    {
        var before = await ScalarAsync(writer, SqliteSchema.LiveBytes, ct);
        var size = before;
        if (size <= maxBytes)
        {
            return 0;
        }

        var rows = await ScalarAsync(writer, "SELECT count(*) FROM events", ct);
        var chunk = Math.Clamp(rows / 10, 1, MaxRetentionChunk);
        await using var delete = Command(writer, null, SqliteSchema.DeleteOldest);
        AddParameters(delete, "@count")[0].Value = chunk;
        long deleted = 0;
        while (size > maxBytes)
        {
            var n = await delete.ExecuteNonQueryAsync(ct);
            if (n == 0)
            {
                // Nothing left to delete: the empty schema alone is over the limit.
                break;
            }

            deleted += n;
            size = await ScalarAsync(writer, SqliteSchema.LiveBytes, ct);
        }

        StorageLog.DeletedBySize(_logger, deleted, before, size, maxBytes);
        return deleted;
    }

    /// <summary>Brings the file to <see cref="SqliteSchema.Version"/> in one transaction: a failed upgrade leaves it as it was.</summary>
    private async Task UpgradeAsync(SqliteConnection writer, CancellationToken ct)
    {
        var version = Math.Max(1, await ScalarAsync(writer, "PRAGMA user_version", ct));
        if (version > SqliteSchema.Version)
        {
            throw new InvalidOperationException(
                $"{_path} has schema version {version}, made by a newer aggregator than this one (version {SqliteSchema.Version}): run that version, or a copy of the file from before it");
        }

        if (version == SqliteSchema.Version)
        {
            return;
        }

        await using var transaction = (SqliteTransaction)await writer.BeginTransactionAsync(ct);
        var removed = await IdentityUpgrade.RunAsync(writer, transaction, SqliteSchema.AddNeuronAt, ct);
        await using (var stamp = Command(writer, transaction, $"PRAGMA user_version = {SqliteSchema.Version}"))
        {
            await stamp.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        StorageLog.Upgraded(_logger, Kind, version, SqliteSchema.Version, removed);
    }

    private static async Task<NeuronTally> ReadTallyAsync(SqliteCommand readCounter, string neuron, CancellationToken ct)
    {
        await using var reader = await readCounter.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new NeuronTally(EventRows.ReadCounters(reader)) : new NeuronTally(neuron);
    }

    private static async Task WriteTalliesAsync(
        SqliteConnection writer, SqliteTransaction transaction, IEnumerable<NeuronTally> tallies, CancellationToken ct)
    {
        await using var upsert = Command(writer, transaction, SqliteSchema.UpsertCounter);
        var p = AddParameters(upsert, "@neuron", "@events", "@kicks", "@fires", "@refractory", "@errors", "@last_seq", "@missing_seqs", "@last_seen");
        upsert.Prepare();
        foreach (var tally in tallies)
        {
            var c = tally.ToCounters();
            p[0].Value = c.Neuron;
            p[1].Value = c.Events;
            p[2].Value = c.Kicks;
            p[3].Value = c.Fires;
            p[4].Value = c.Refractory;
            p[5].Value = c.Errors;
            p[6].Value = c.LastSeq;
            p[7].Value = c.MissingSeqs;
            p[8].Value = c.LastSeen.ToUnixTimeMilliseconds();
            await upsert.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await NonQueryAsync(connection, SqliteSchema.ConnectionPragmas, ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static SqliteParameter[] AddParameters(SqliteCommand command, params string[] names)
    {
        var parameters = new SqliteParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            parameters[i] = new SqliteParameter { ParameterName = names[i] };
            command.Parameters.Add(parameters[i]);
        }

        return parameters;
    }

    private static async Task NonQueryAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, null, sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, null, sql);
        return await command.ExecuteScalarAsync(ct) is long value ? value : 0;
    }
}
