using System.Globalization;
using Npgsql;
using Xunit;
namespace PiNeurons.Testing;

/// <summary>
/// A throwaway PostgreSQL server of the test class's own: fresh cluster in a temp dir, free loopback port,
/// trust auth, its output kept in <see cref="Log"/>. Never the system's cluster. Tests get a database each
/// from <see cref="CreateDatabaseAsync"/> so they stay independent.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string SuperUser = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private string _directory = string.Empty;
    private string _setupLog = string.Empty;
    private ChildProcess? _process;

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>Everything initdb and postgres wrote so far, for failure messages.</summary>
    public string Log => _setupLog + (_process?.Output ?? string.Empty);

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database, bool pooling = true) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        Pooling = pooling,
    }.ToString();

    /// <summary>Creates an empty database with a unique name and returns its name.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await AdminAsync($"CREATE DATABASE {name}");
        return name;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, whoever is still connected.</summary>
    public Task DropDatabaseAsync(string name) => AdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    /// <summary>initdb into a temp dir, then postgres on a free port; returns once it accepts a connection.</summary>
    public async Task InitializeAsync()
    {
        var bin = FindBinaries();
        _directory = Directory.CreateTempSubdirectory("pineurons-postgres-").FullName;
        var data = Path.Combine(_directory, "data");
        if (Environment.IsPrivilegedProcess)
        {
            await RunToEndAsync("chown", ["-R", $"{SuperUser}:{SuperUser}", _directory]);
        }

        await RunToEndAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        Port = FreePort.Pick();
        _process = Launch(Path.Combine(bin, "postgres"),
        [
            "-D", data,
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", $"unix_socket_directories={_directory}",
            "-c", "fsync=on",
        ]);
        await WaitUntilReadyAsync();
    }

    /// <summary>Fast shutdown (SIGINT), then the temp dir goes.</summary>
    public async Task DisposeAsync()
    {
        if (_process is { } process)
        {
            if (process.IsRunning)
            {
                // SIGINT to the postmaster alone: it ends its backends itself, then exits.
                await process.SignalAsync("INT");
                await Task.WhenAny(process.Exited, Task.Delay(StopTimeout));
            }

            // Kills whatever is left of its process group if it did not stop in time.
            await process.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "postgres")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries (initdb, postgres) not found under {root}/*/bin; install them: apt-get install postgresql");
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task WaitUntilReadyAsync()
    {
        // Not a TCP connect: postgres listens before recovery ends and refuses logins until it logs this.
        var process = _process ?? throw new InvalidOperationException("postgres is not started");
        await process.WaitForLineAsync(l => l.Contains("database system is ready to accept connections", StringComparison.Ordinal), StartTimeout, "postgres ready");
    }

    private async Task RunToEndAsync(string tool, IReadOnlyList<string> args)
    {
        var (program, arguments) = AsPostgresUser(tool, args);
        var result = await ChildProcess.RunAsync(program, arguments, StartTimeout, new ChildProcessOptions { WorkingDirectory = _directory });
        _setupLog += result.StandardOutput + result.StandardError;
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited with {result.ExitCode}. Log:\n{Log}");
        }
    }

    /// <summary>
    /// PostgreSQL refuses to run as root, and CI runs tests as root: then the tools run as the postgres user
    /// the Debian package creates. setpriv execs in place (runuser would stay as a parent that swallows the
    /// shutdown signal), so the pid is postgres's own.
    /// </summary>
    private static (string Program, IReadOnlyList<string> Arguments) AsPostgresUser(string tool, IReadOnlyList<string> args) =>
        Environment.IsPrivilegedProcess && tool != "chown"
            ? ("setpriv", ["--reuid", SuperUser, "--regid", SuperUser, "--init-groups", "--", tool, .. args])
            : (tool, args);

    private ChildProcess Launch(string tool, IReadOnlyList<string> args)
    {
        var (program, arguments) = AsPostgresUser(tool, args);
        // The postgres user may not enter the test's working directory, and initdb checks it can.
        return ChildProcess.Start(program, arguments, new ChildProcessOptions { WorkingDirectory = _directory });
    }
}
