using System.Data.Common;

namespace PiNeurons.Aggregator.Storage;

/// <summary>
/// Schema version 2, the same on SQLite and PostgreSQL: an event is identified by its neuron, its seq and the <c>at</c>
/// the neuron wrote (<see cref="IncomingEvent.IdentityAt"/>). Version 1 used the stored <c>at</c>, which for an event
/// from an unsynchronized clock is the arrival time, so two copies of such an event (a redelivery, or two replicas
/// each taking every event) were both stored.
/// </summary>
/// <remarks>
/// The upgrade adds a nullable <c>neuron_at</c>, set only where it differs from <c>at</c>, rather than a column every
/// row fills: filling it would rewrite the whole table, which on PostgreSQL doubles its size until vacuum and on a Pi's
/// card takes the time of a copy. The copies version 1 kept are then deleted, the oldest (lowest id, the one the
/// timeline showed first) staying, and taken out of the counters they were counted in; missing_seqs is left as it is,
/// since a copy that filled a hole there cannot be told apart from the event that should have. The old
/// UNIQUE (neuron, seq, at) stays: SQLite cannot drop it without copying the table, and it refuses nothing the new
/// key accepts except two different events of one neuron with the same seq whose stored <c>at</c> fall on the same
/// millisecond.
/// </remarks>
internal static class IdentityUpgrade
{
    /// <summary>The version this upgrade brings a database to.</summary>
    public const int Version = 2;

    /// <summary>The key; inserts skip a row that conflicts with it (or with the version 1 key) as a duplicate.</summary>
    public const string IdentityIndex = "CREATE UNIQUE INDEX IF NOT EXISTS events_identity ON events (neuron, seq, (coalesce(neuron_at, at)))";

    // Plain SQL both databases run unchanged, as EventRows does.
    private const string FindUnsynchronized = "SELECT id, payload FROM events WHERE payload LIKE '%unsynchronized%'";

    private const string SetNeuronAt = "UPDATE events SET neuron_at = @neuron_at WHERE id = @id";

    private const string CollectDuplicates = """
        CREATE TEMP TABLE duplicate_events AS
        SELECT e.id, e.neuron, e.type FROM events e
        WHERE EXISTS (
            SELECT 1 FROM events o
            WHERE o.neuron = e.neuron AND o.seq = e.seq AND coalesce(o.neuron_at, o.at) = coalesce(e.neuron_at, e.at) AND o.id < e.id)
        """;

    private const string UncountDuplicates = """
        UPDATE neuron_counters SET
            events = events - (SELECT count(*) FROM duplicate_events d WHERE d.neuron = neuron_counters.neuron),
            kicks = kicks - (SELECT count(*) FROM duplicate_events d WHERE d.neuron = neuron_counters.neuron AND d.type = 'kicked'),
            fires = fires - (SELECT count(*) FROM duplicate_events d WHERE d.neuron = neuron_counters.neuron AND d.type = 'fired'),
            refractory = refractory - (SELECT count(*) FROM duplicate_events d WHERE d.neuron = neuron_counters.neuron AND d.type = 'refractory'),
            errors = errors - (SELECT count(*) FROM duplicate_events d WHERE d.neuron = neuron_counters.neuron AND d.type = 'error')
        WHERE neuron IN (SELECT neuron FROM duplicate_events)
        """;

    private const string DeleteDuplicates = "DELETE FROM events WHERE id IN (SELECT id FROM duplicate_events)";

    /// <summary>
    /// Runs the upgrade in <paramref name="transaction"/>: <paramref name="addColumn"/> (the store's own
    /// <c>ALTER TABLE</c>), then the rest. Returns the number of copies deleted.
    /// </summary>
    public static async Task<long> RunAsync(DbConnection connection, DbTransaction transaction, string addColumn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await ExecuteAsync(connection, transaction, addColumn, ct);
        await BackfillNeuronAtAsync(connection, transaction, ct);
        await ExecuteAsync(connection, transaction, CollectDuplicates, ct);
        var removed = await ScalarAsync(connection, transaction, "SELECT count(*) FROM duplicate_events", ct);
        if (removed > 0)
        {
            await ExecuteAsync(connection, transaction, UncountDuplicates, ct);
            await ExecuteAsync(connection, transaction, DeleteDuplicates, ct);
        }

        await ExecuteAsync(connection, transaction, "DROP TABLE duplicate_events", ct);
        await ExecuteAsync(connection, transaction, IdentityIndex, ct);
        return removed;
    }

    /// <summary>Sets <c>neuron_at</c> on the stored events whose payload says their clock was unsynchronized.</summary>
    private static async Task BackfillNeuronAtAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        // Read first, then write: one connection cannot run a command while a reader is open on it (Npgsql).
        var stamps = new List<(long Id, long NeuronAt)>();
        await using (var find = Command(connection, transaction, FindUnsynchronized))
        await using (var reader = await find.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (EventTime.UnsynchronizedAtOf(reader.GetString(1)) is { } at)
                {
                    stamps.Add((reader.GetInt64(0), at.ToUnixTimeMilliseconds()));
                }
            }
        }

        await using var update = Command(connection, transaction, SetNeuronAt);
        var neuronAt = Parameter(update, "@neuron_at");
        var id = Parameter(update, "@id");
        foreach (var stamp in stamps)
        {
            neuronAt.Value = stamp.NeuronAt;
            id.Value = stamp.Id;
            await update.ExecuteNonQueryAsync(ct);
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
