namespace PiNeurons.Aggregator.Storage;

/// <summary>The PostgreSQL schema and the statements the store runs on it.</summary>
internal static class PostgresSchema
{
    /// <summary>
    /// Held for the whole of an append: replicas commit one after another, so ids become visible in
    /// increasing order and a live tail reading <c>id &gt; last</c> never skips a row committed late with a
    /// lower id. It also makes reading then writing the counters safe without row-level locking games.
    /// </summary>
    public const long AppendLockKey = 0x50694E6575_0001; // "PiNeu" + 1

    /// <summary>Two replicas starting at once would otherwise race on CREATE TABLE IF NOT EXISTS.</summary>
    public const long SchemaLockKey = 0x50694E6575_0002;

    /// <summary>The schema version this code writes, kept in <c>schema_version</c>.</summary>
    public const int Version = IdentityUpgrade.Version;

    /// <summary>
    /// Same columns and keys as SQLite (times in unix ms, so the duplicate key means the same thing in both).
    /// <c>event_store_size</c> keeps the bytes of the stored rows up to date in the transactions that insert
    /// and delete them, because PostgreSQL's files do not shrink on DELETE (see <see cref="PostgresEventStore.GetSizeBytesAsync"/>).
    /// These are the tables of schema version 1, as older aggregators made them (<c>schema_version</c> aside, which
    /// they did not have); <see cref="IdentityUpgrade"/> then brings every database, new or old, to <see cref="Version"/>.
    /// </summary>
    public const string Create = """
        SELECT pg_advisory_xact_lock(@key);
        CREATE TABLE IF NOT EXISTS events (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            neuron text NOT NULL,
            seq bigint NOT NULL,
            type text NOT NULL,
            "from" text,
            at bigint NOT NULL,
            hop integer,
            reason text,
            received bigint NOT NULL,
            payload text NOT NULL,
            UNIQUE (neuron, seq, at)
        );
        CREATE INDEX IF NOT EXISTS events_neuron_id ON events (neuron, id);
        CREATE INDEX IF NOT EXISTS events_type_id ON events (type, id);
        CREATE INDEX IF NOT EXISTS events_at ON events (at);
        CREATE INDEX IF NOT EXISTS events_received ON events (received);
        CREATE TABLE IF NOT EXISTS neuron_counters (
            neuron text PRIMARY KEY,
            events bigint NOT NULL,
            kicks bigint NOT NULL,
            fires bigint NOT NULL,
            refractory bigint NOT NULL,
            errors bigint NOT NULL,
            last_seq bigint NOT NULL,
            missing_seqs bigint NOT NULL,
            last_seen bigint NOT NULL
        );
        CREATE TABLE IF NOT EXISTS event_store_size (
            id integer PRIMARY KEY CHECK (id = 1),
            live_bytes bigint NOT NULL
        );
        INSERT INTO event_store_size (id, live_bytes) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
        CREATE TABLE IF NOT EXISTS schema_version (
            id integer PRIMARY KEY CHECK (id = 1),
            version integer NOT NULL
        );
        INSERT INTO schema_version (id, version) VALUES (1, 1) ON CONFLICT (id) DO NOTHING;
        """;

    public const string ReadVersion = "SELECT version FROM schema_version WHERE id = 1";

    public const string WriteVersion = "UPDATE schema_version SET version = @version WHERE id = 1";

    /// <summary>The column <see cref="IdentityUpgrade"/> adds.</summary>
    public const string AddNeuronAt = "ALTER TABLE events ADD COLUMN neuron_at bigint";

    /// <summary>
    /// After an upgrade, which deletes rows and rewrites some, the tracked size (see <see cref="Create"/>) is counted
    /// again from the rows themselves: one more scan of a table the upgrade has just read anyway.
    /// </summary>
    public const string RecountBytes = "UPDATE event_store_size SET live_bytes = (SELECT coalesce(sum(pg_column_size(e.*)), 0) FROM events e) WHERE id = 1";

    public const string Lock = "SELECT pg_advisory_xact_lock(@key)";

    /// <summary>
    /// The whole batch in one statement. ORDER BY ord makes ids follow the batch order, so of two copies in one batch
    /// the first is stored; RETURNING lists only the rows really inserted, with their identity (neuron, seq and
    /// <see cref="IncomingEvent.IdentityAt"/>) to tell which of the batch they are. No conflict target: a database
    /// keeps the unique key of version 1 beside the identity (see <see cref="IdentityUpgrade"/>), and either one means
    /// a copy.
    /// </summary>
    public const string Insert = """
        WITH inserted AS (
            INSERT INTO events (neuron, seq, type, "from", at, neuron_at, hop, reason, received, payload)
            SELECT b.neuron, b.seq, b.type, b.src, b.at, b.neuron_at, b.hop, b.reason, b.received, b.payload
            FROM unnest(@neuron, @seq, @type, @from, @at, @neuron_at, @hop, @reason, @received, @payload)
                WITH ORDINALITY AS b (neuron, seq, type, src, at, neuron_at, hop, reason, received, payload, ord)
            ORDER BY b.ord
            ON CONFLICT DO NOTHING
            RETURNING id, neuron, seq, coalesce(neuron_at, at) AS identity_at, pg_column_size(events.*) AS bytes
        ), grown AS (
            UPDATE event_store_size SET live_bytes = live_bytes + (SELECT coalesce(sum(bytes), 0) FROM inserted) WHERE id = 1
        )
        SELECT neuron, seq, identity_at FROM inserted ORDER BY id
        """;

    public const string ReadSomeCounters = "SELECT " + EventRows.CounterColumns + " FROM neuron_counters WHERE neuron = ANY(@neurons)";

    public const string ReadCounters = "SELECT " + EventRows.CounterColumns + " FROM neuron_counters ORDER BY neuron";

    public const string UpsertCounters = """
        INSERT INTO neuron_counters (neuron, events, kicks, fires, refractory, errors, last_seq, missing_seqs, last_seen)
        SELECT * FROM unnest(@neuron, @events, @kicks, @fires, @refractory, @errors, @last_seq, @missing_seqs, @last_seen)
        ON CONFLICT (neuron) DO UPDATE SET
            events = excluded.events, kicks = excluded.kicks, fires = excluded.fires,
            refractory = excluded.refractory, errors = excluded.errors, last_seq = excluded.last_seq,
            missing_seqs = excluded.missing_seqs, last_seen = excluded.last_seen
        """;

    public const string LiveBytes = "SELECT live_bytes FROM event_store_size WHERE id = 1";

    /// <summary>Deletes and shrinks the tracked size in one statement, so the two cannot disagree.</summary>
    public const string DeleteOlderThan = """
        WITH gone AS (
            DELETE FROM events WHERE received < @cutoff RETURNING pg_column_size(events.*) AS bytes
        ), shrunk AS (
            UPDATE event_store_size SET live_bytes = live_bytes - (SELECT coalesce(sum(bytes), 0) FROM gone) WHERE id = 1
        )
        SELECT count(*), coalesce(sum(bytes), 0)::bigint FROM gone
        """;

    public const string DeleteOldest = """
        WITH gone AS (
            DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY id LIMIT @count)
            RETURNING pg_column_size(events.*) AS bytes
        ), shrunk AS (
            UPDATE event_store_size SET live_bytes = live_bytes - (SELECT coalesce(sum(bytes), 0) FROM gone) WHERE id = 1
        )
        SELECT count(*), coalesce(sum(bytes), 0)::bigint FROM gone
        """;
}
