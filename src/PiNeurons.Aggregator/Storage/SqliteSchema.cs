namespace PiNeurons.Aggregator.Storage;

/// <summary>The SQLite schema and the statements the store runs on it.</summary>
internal static class SqliteSchema
{
    /// <summary>
    /// Per connection: a commit is acknowledged only once the WAL is fsynced (synchronous=FULL), since a Pi
    /// loses power rather than shutting down; readers and the writer wait on each other instead of failing.
    /// </summary>
    public const string ConnectionPragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;";

    /// <summary>
    /// auto_vacuum has to be chosen before the first table exists, and only INCREMENTAL lets retention give
    /// the deleted pages back to the file system. WAL keeps readers going while the writer commits.
    /// AUTOINCREMENT keeps ids from ever being reused after retention empties the tail of the table, since
    /// the live tail and SSE resume treat an id as a position in the timeline. These are the tables of schema
    /// version 1, as older aggregators made them; <see cref="IdentityUpgrade"/> then brings every database, new or
    /// old, to <see cref="Version"/>.
    /// </summary>
    public const string Create = """
        PRAGMA auto_vacuum = INCREMENTAL;
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            neuron TEXT NOT NULL,
            seq INTEGER NOT NULL,
            type TEXT NOT NULL,
            "from" TEXT,
            at INTEGER NOT NULL,
            hop INTEGER,
            reason TEXT,
            received INTEGER NOT NULL,
            payload TEXT NOT NULL,
            UNIQUE (neuron, seq, at)
        );
        CREATE INDEX IF NOT EXISTS events_neuron_id ON events (neuron, id);
        CREATE INDEX IF NOT EXISTS events_type_id ON events (type, id);
        CREATE INDEX IF NOT EXISTS events_at ON events (at);
        CREATE INDEX IF NOT EXISTS events_received ON events (received);
        CREATE TABLE IF NOT EXISTS neuron_counters (
            neuron TEXT PRIMARY KEY,
            events INTEGER NOT NULL,
            kicks INTEGER NOT NULL,
            fires INTEGER NOT NULL,
            refractory INTEGER NOT NULL,
            errors INTEGER NOT NULL,
            last_seq INTEGER NOT NULL,
            missing_seqs INTEGER NOT NULL,
            last_seen INTEGER NOT NULL
        );
        """;

    /// <summary>The schema version this code writes (<c>PRAGMA user_version</c>; 0 is a database of version 1).</summary>
    public const int Version = IdentityUpgrade.Version;

    /// <summary>The column <see cref="IdentityUpgrade"/> adds.</summary>
    public const string AddNeuronAt = "ALTER TABLE events ADD COLUMN neuron_at INTEGER";

    /// <summary>
    /// A copy of a stored event (see <see cref="IdentityUpgrade"/>) changes nothing and reports 0 rows. No conflict
    /// target: a database keeps the unique key of version 1 beside the identity, and either one means a copy.
    /// </summary>
    public const string Insert = """
        INSERT INTO events (neuron, seq, type, "from", at, neuron_at, hop, reason, received, payload)
        VALUES (@neuron, @seq, @type, @from, @at, @neuron_at, @hop, @reason, @received, @payload)
        ON CONFLICT DO NOTHING
        """;

    public const string ReadOneCounter = "SELECT " + EventRows.CounterColumns + " FROM neuron_counters WHERE neuron = @neuron";

    public const string ReadCounters = "SELECT " + EventRows.CounterColumns + " FROM neuron_counters ORDER BY neuron";

    public const string UpsertCounter = """
        INSERT INTO neuron_counters (neuron, events, kicks, fires, refractory, errors, last_seq, missing_seqs, last_seen)
        VALUES (@neuron, @events, @kicks, @fires, @refractory, @errors, @last_seq, @missing_seqs, @last_seen)
        ON CONFLICT (neuron) DO UPDATE SET
            events = excluded.events, kicks = excluded.kicks, fires = excluded.fires,
            refractory = excluded.refractory, errors = excluded.errors, last_seq = excluded.last_seq,
            missing_seqs = excluded.missing_seqs, last_seen = excluded.last_seen
        """;

    /// <summary>Pages in use: free pages are not history, and incremental_vacuum hands them back anyway.</summary>
    public const string LiveBytes =
        "SELECT (page_count - freelist_count) * page_size FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()";

    public const string DeleteOlderThan = "DELETE FROM events WHERE received < @cutoff";

    public const string DeleteOldest = "DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY id LIMIT @count)";
}
