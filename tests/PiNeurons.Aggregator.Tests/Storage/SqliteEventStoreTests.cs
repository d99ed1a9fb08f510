using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Tests.Storage;

/// <summary>The contract on a SQLite file in a fresh temp dir, reopened from the same file.</summary>
public sealed class SqliteEventStoreTests : EventStoreContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pineurons-sqlite-").FullName;

    // A parent that does not exist yet: the store creates it.
    private string DatabasePath => Path.Combine(_directory, "state", "events.db");

    protected override Task<IEventStore> OpenAsync() =>
        Task.FromResult<IEventStore>(new SqliteEventStore(DatabasePath, NullLogger<SqliteEventStore>.Instance));

    protected override async Task<IEventStore> OpenVersionOneAsync(string sql)
    {
        var path = Path.Combine(_directory, "v1-" + Guid.NewGuid().ToString("N"), "events.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // Version 1's tables are today's Create; it left user_version at 0.
            command.CommandText = SqliteSchema.Create + sql;
            await command.ExecuteNonQueryAsync();
        }

        return new SqliteEventStore(path, NullLogger<SqliteEventStore>.Instance);
    }

    protected override Task DeleteStorageAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Initialize_NewFile_WalWithIncrementalVacuum()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        Assert.Equal(2L, await PragmaAsync(connection, "auto_vacuum"));
        Assert.Equal((long)SqliteSchema.Version, await PragmaAsync(connection, "user_version"));
    }

    [Fact]
    public async Task Initialize_FileOfANewerSchema_RefusesNamingTheVersionsAndLeavesItAlone()
    {
        await Store.AppendAsync([Event("a", 1)], Ct);
        await Store.DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await PragmaAsync(connection, $"user_version = {SqliteSchema.Version + 1}");
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(ReopenAsync);

        Assert.Contains($"schema version {SqliteSchema.Version + 1}, made by a newer aggregator", refused.Message, StringComparison.Ordinal);
        await using var check = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await check.OpenAsync();
        Assert.Equal(1L, await ScalarAsync(check, "SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task Retention_BySize_ShrinksTheFileOnDisk()
    {
        await Store.AppendAsync(
            Enumerable.Range(1, 5000).Select(i => Event("a", i, payload: new string('p', 300))).ToArray(), Ct);
        var before = await Store.GetSizeBytesAsync(Ct);

        await Store.ApplyRetentionAsync(new RetentionPolicy(null, before / 4), T0, Ct);
        // A reopen checkpoints the WAL into the file, which is where a shrink shows.
        await ReopenAsync();

        Assert.True(new FileInfo(DatabasePath).Length <= before / 4 + 64 * 1024, $"file {new FileInfo(DatabasePath).Length} after limit {before / 4}");
    }

    [Fact]
    public async Task Dispose_AfterReads_LeavesNoHandleOnTheFile()
    {
        await Store.AppendAsync([Event("a", 1)], Ct);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Store.QueryAsync(new EventQuery(), Ct)));

        await Store.DisposeAsync();

        // Linux lists this process's open files here; a pooled reader left open would show up.
        var open = new DirectoryInfo("/proc/self/fd").GetFileSystemInfos()
            .Select(fd => fd.LinkTarget)
            .Where(target => target is not null && target.StartsWith(DatabasePath, StringComparison.Ordinal));
        Assert.Empty(open);
    }

    private static Task<object?> PragmaAsync(SqliteConnection connection, string name) => ScalarAsync(connection, $"PRAGMA {name}");

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
