using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Storage;

/// <summary>
/// A throwaway PostgreSQL server of the test class's own: fresh cluster in a temp dir, free loopback port,
/// trust auth, output captured in <see cref="Log"/>. Never the system's cluster. Tests get a database each
/// from <see cref="CreateDatabaseAsync"/> so they stay independent.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string SuperUser = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly StringBuilder _log = new();
    private string _directory = string.Empty;
    private Process? _process;

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>Everything initdb and postgres wrote so far, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

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
            if (!process.HasExited)
            {
                using var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]);
                await interrupt.WaitForExitAsync();
                using var stopped = new CancellationTokenSource(StopTimeout);
                try
                {
                    await process.WaitForExitAsync(stopped.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }

            process.Dispose();
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
        // A TCP connect is not enough: postgres listens before recovery ends and refuses logins until then.
        using var timeout = new CancellationTokenSource(StartTimeout);
        Exception? last = null;
        while (!timeout.IsCancellationRequested)
        {
            if (_process is { HasExited: true } exited)
            {
                throw new InvalidOperationException($"postgres exited with {exited.ExitCode} while starting. Log:\n{Log}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
                await connection.OpenAsync(timeout.Token);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
            {
                last = e;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"postgres did not accept a connection on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds} s ({last?.Message}). Log:\n{Log}");
    }

    private async Task RunToEndAsync(string tool, IReadOnlyList<string> args)
    {
        using var process = Launch(tool, args);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited with {process.ExitCode}. Log:\n{Log}");
        }
    }

    /// <summary>
    /// PostgreSQL refuses to run as root, and CI runs tests as root: then the tools run as the postgres user
    /// the Debian package creates. setpriv execs in place (runuser would stay as a parent that swallows the
    /// shutdown signal), so the pid is postgres's own.
    /// </summary>
    private Process Launch(string tool, IReadOnlyList<string> args)
    {
        var start = Environment.IsPrivilegedProcess && tool != "chown"
            ? new ProcessStartInfo("setpriv", ["--reuid", SuperUser, "--regid", SuperUser, "--init-groups", "--", tool, .. args])
            : new ProcessStartInfo(tool, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        // The postgres user may not enter the test's working directory, and initdb checks it can.
        start.WorkingDirectory = _directory;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
