using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PiNeurons.Aggregator.Storage;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Storage;

/// <summary>
/// The contract on a real PostgreSQL started for this class, a fresh database per test; "reopening" is a new
/// store instance on the same database, as a restarted replica would be.
/// </summary>
public sealed class PostgresEventStoreTests(PostgresServer server) : EventStoreContract, IClassFixture<PostgresServer>
{
    private readonly List<string> _versionOneDatabases = [];
    private string? _database;

    protected override async Task<IEventStore> OpenAsync()
    {
        _database ??= await server.CreateDatabaseAsync();
        return NewStore();
    }

    protected override async Task<IEventStore> OpenVersionOneAsync(string sql)
    {
        var database = await server.CreateDatabaseAsync();
        _versionOneDatabases.Add(database);
        // Version 1's tables are today's Create without schema_version, which it did not have.
        await ExecuteAsync(database, PostgresSchema.Create + "DROP TABLE schema_version;" + sql);
        return new PostgresEventStore(server.ConnectionString(database), NullLogger<PostgresEventStore>.Instance);
    }

    protected override async Task DeleteStorageAsync()
    {
        foreach (var database in _versionOneDatabases.Append(_database).OfType<string>())
        {
            await server.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Append_TwoReplicasEachTakingEveryEvent_StoreEachOnceAndCountTheOtherCopyAsADuplicate()
    {
        await using var other = NewStore();
        await other.InitializeAsync(Ct);
        const int Events = 1000;
        var unset = DateTimeOffset.UnixEpoch.AddHours(1);

        // Both replicas receive every event, in the same order, cut into batches of their own sizes; every third
        // comes from an unsynchronized clock, which each replica files at its own arrival time.
        IncomingEvent Copy(int i, int replica) => i % 3 == 0
            ? Unsynchronized($"n{i % 4}", (i / 4) + 1, unset.AddMilliseconds(i), T0.AddMilliseconds((10 * i) + replica))
            : Event($"n{i % 4}", (i / 4) + 1, i % 2 == 0 ? "kicked" : "fired");
        var replicas = new[] { (Store: Store, Batch: 37), (Store: other, Batch: 50) };
        var results = await Task.WhenAll(replicas.Select((r, index) => Task.Run(async () =>
        {
            var mine = new List<AppendResult>();
            foreach (var chunk in Enumerable.Range(0, Events).Chunk(r.Batch))
            {
                mine.Add(await r.Store.AppendAsync(chunk.Select(i => Copy(i, index)).ToArray(), Ct));
            }

            return mine;
        })));

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(Events, all.Sum(r => r.Inserted));
        Assert.Equal(Events, all.Sum(r => r.Duplicates));
        Assert.Equal(Events, (await ReadAllAsync()).Select(e => (e.Event.Neuron, e.Event.Seq)).Distinct().Count());
        Assert.Equal(Events, (await ReadAllAsync()).Count);
        Assert.All(await Store.ReadCountersAsync(Ct), c => Assert.Equal((250L, 250L, 0L), (c.Events, c.LastSeq, c.MissingSeqs)));
    }

    [Fact]
    public async Task Upgrade_VersionOneWithCopies_CountsTheSizeOfWhatIsLeft()
    {
        const string Unset = """{"id":"a","seq":1,"type":"fired","at":"1970-01-01T00:00:09.000Z","clock":"unsynchronized"}""";
        await using var old = await OpenVersionOneAsync($"""
            INSERT INTO events (neuron, seq, type, at, received, payload) VALUES
                ('a', 1, 'fired', 100, 100, '{Unset}'), ('a', 1, 'fired', 101, 101, '{Unset}'), ('a', 2, 'fired', 102, 102, '{new string('p', 500)}');
            UPDATE event_store_size SET live_bytes = (SELECT sum(pg_column_size(e.*)) FROM events e);
            """);

        await old.InitializeAsync(Ct);

        Assert.Equal(2, (await old.QueryAsync(new EventQuery(), Ct)).Count);
        Assert.Equal(await ScalarAsync(_versionOneDatabases[^1], "SELECT sum(pg_column_size(e.*))::bigint FROM events e"), await old.GetSizeBytesAsync(Ct));
    }

    [Fact]
    public async Task Append_TwoReplicasAtOnce_IdsFollowCommitOrderAndCountersAddUp()
    {
        await using var other = NewStore();
        await other.InitializeAsync(Ct);

        // Each replica gets every other event of the same neurons, as a shared subscription would hand them out.
        var replicas = new[] { Store, other };
        var tasks = replicas.Select((store, r) => Task.Run(async () =>
        {
            for (var b = 0; b < 20; b++)
            {
                var batch = Enumerable.Range(b * 50 + 1, 50).Where(i => i % 2 == r).Select(i => Event($"n{i % 3}", i)).ToArray();
                await store.AppendAsync(batch, Ct);
            }
        }));
        var tailer = Task.Run(async () =>
        {
            // A live tail reading while both replicas commit must see every event, each exactly once.
            var seen = new List<long>();
            long after = 0;
            while (seen.Count < 1000)
            {
                var page = await other.ReadAfterAsync(after, 100, Ct);
                seen.AddRange(page.Select(e => e.Id));
                after = page.Count > 0 ? page[^1].Id : after;
            }

            return seen;
        });

        await Task.WhenAll(tasks);
        var tail = await tailer;

        Assert.Equal(1000, tail.Distinct().Count());
        Assert.Equal((await ReadAllAsync()).Select(e => e.Id), tail);
        Assert.Equal(1000, (await Store.ReadCountersAsync(Ct)).Sum(c => c.Events));
    }

    [Fact]
    public async Task Initialize_TwoReplicasAtOnce_BothSucceed()
    {
        var database = await server.CreateDatabaseAsync();
        try
        {
            var stores = Enumerable.Range(0, 4)
                .Select(_ => new PostgresEventStore(server.ConnectionString(database), NullLogger<PostgresEventStore>.Instance))
                .ToArray();
            await Task.WhenAll(stores.Select(s => s.InitializeAsync(Ct)));
            await stores[0].AppendAsync([Event("a", 1)], Ct);

            Assert.Single(await stores[3].QueryAsync(new EventQuery(), Ct));
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }

    private async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString(database, pooling: false));
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", PostgresSchema.SchemaLockKey);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString(database, pooling: false));
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private PostgresEventStore NewStore() =>
        new(server.ConnectionString(_database!), NullLogger<PostgresEventStore>.Instance);
}
