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

    /// <summary>
    /// Same columns and keys as SQLite (times in unix ms, so the duplicate key means the same thing in both).
    /// <c>event_store_size</c> keeps the bytes of the stored rows up to date in the transactions that insert
    /// and delete them, because PostgreSQL's files do not shrink on DELETE (see <see cref="PostgresEventStore.GetSizeBytesAsync"/>).
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
        """;

    public const string Lock = "SELECT pg_advisory_xact_lock(@key)";

    /// <summary>
    /// The whole batch in one statement. ORDER BY ord makes ids follow the batch order; RETURNING lists only
    /// the rows really inserted (a duplicate, even twice in one batch, is skipped by ON CONFLICT).
    /// </summary>
    public const string Insert = """
        WITH inserted AS (
            INSERT INTO events (neuron, seq, type, "from", at, hop, reason, received, payload)
            SELECT b.neuron, b.seq, b.type, b.src, b.at, b.hop, b.reason, b.received, b.payload
            FROM unnest(@neuron, @seq, @type, @from, @at, @hop, @reason, @received, @payload)
                WITH ORDINALITY AS b (neuron, seq, type, src, at, hop, reason, received, payload, ord)
            ORDER BY b.ord
            ON CONFLICT (neuron, seq, at) DO NOTHING
            RETURNING id, neuron, seq, type, received, pg_column_size(events.*) AS bytes
        ), grown AS (
            UPDATE event_store_size SET live_bytes = live_bytes + (SELECT coalesce(sum(bytes), 0) FROM inserted) WHERE id = 1
        )
        SELECT id, neuron, seq, type, received FROM inserted ORDER BY id
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
