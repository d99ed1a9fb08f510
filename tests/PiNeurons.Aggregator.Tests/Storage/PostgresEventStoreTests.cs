using Microsoft.Extensions.Logging.Abstractions;
using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Tests.Storage;

/// <summary>
/// The contract on a real PostgreSQL started for this class, a fresh database per test; "reopening" is a new
/// store instance on the same database, as a restarted replica would be.
/// </summary>
public sealed class PostgresEventStoreTests(PostgresServer server) : EventStoreContract, IClassFixture<PostgresServer>
{
    private string? _database;

    protected override async Task<IEventStore> OpenAsync()
    {
        _database ??= await server.CreateDatabaseAsync();
        return NewStore();
    }

    protected override async Task DeleteStorageAsync()
    {
        if (_database is not null)
        {
            await server.DropDatabaseAsync(_database);
        }
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

    private PostgresEventStore NewStore() =>
        new(server.ConnectionString(_database!), NullLogger<PostgresEventStore>.Instance);
}
