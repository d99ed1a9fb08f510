namespace PiNeurons.Testing;

/// <summary>
/// A real Mosquitto of the test's own, a <see cref="ChildProcess"/>: on a fresh temp config and a free loopback
/// port (<see cref="StartAsync"/>), or on a config file the test wrote (<see cref="StartOnConfig"/>); its output
/// kept in <see cref="Log"/>. Never the system service.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly string? _directory;
    private readonly string _configPath;
    private readonly MosquittoOptions _options;
    private readonly List<ChildProcess> _runs = [];

    private MosquittoBroker(string? directory, string configPath, int port, MosquittoOptions options)
    {
        _directory = directory;
        _configPath = configPath;
        Port = port;
        _options = options;
    }

    /// <summary>The loopback port the broker listens on (kept across <see cref="RestartAsync"/>).</summary>
    public int Port { get; }

    /// <summary><c>mqtt://127.0.0.1:port</c>.</summary>
    public string Url => $"mqtt://127.0.0.1:{Port}";

    /// <summary>Everything Mosquitto wrote so far, over all its runs, for failure messages. Mosquitto buffers its
    /// stdout: lines may come only when it exits.</summary>
    public string Log => string.Join('\n', _runs.Select(r => r.Output));

    /// <summary>Completes with the exit code when the current run of Mosquitto exits.</summary>
    public Task<int> Exited => Current.Exited;

    /// <summary>Whether the current run still runs.</summary>
    public bool IsRunning => Current.IsRunning;

    private ChildProcess Current => _runs[^1];

    /// <summary>Writes a config into a fresh temp dir, starts Mosquitto on a free port (or the options' <see cref="MosquittoOptions.Port"/>) and waits until it listens.</summary>
    public static async Task<MosquittoBroker> StartAsync(MosquittoOptions? options = null)
    {
        options ??= new MosquittoOptions();
        var directory = Directory.CreateTempSubdirectory("pineurons-mosquitto-").FullName;
        var broker = new MosquittoBroker(directory, Path.Combine(directory, "mosquitto.conf"), options.Port ?? FreePort.Pick(), options);
        broker.WriteConfig();
        broker.Launch();
        await broker.WaitUntilListeningAsync();
        return broker;
    }

    /// <summary>Starts Mosquitto on <paramref name="configPath"/>, a config the test wrote, and returns at once: the test
    /// waits for what it expects, <see cref="WaitUntilListeningAsync"/> or, for a config Mosquitto refuses, <see cref="WaitForExitAsync"/>.</summary>
    /// <param name="configPath">The config, used as it is.</param>
    /// <param name="port">The loopback port of the listener in it that the test connects to.</param>
    public static MosquittoBroker StartOnConfig(string configPath, int port)
    {
        var broker = new MosquittoBroker(directory: null, configPath, port, new MosquittoOptions());
        broker.Launch();
        return broker;
    }

    /// <summary>Runs <c>mosquitto_passwd -b -c</c> to create a password file with one user; returns its path.</summary>
    public static string CreatePasswordFile(string directory, string user, string password) =>
        CreatePasswordFile(directory, (user, password));

    /// <summary>Runs <c>mosquitto_passwd -b</c> once per login (the first with <c>-c</c>) into one password file; returns its path.</summary>
    public static string CreatePasswordFile(string directory, params (string User, string Password)[] logins)
    {
        ArgumentNullException.ThrowIfNull(logins);
        var path = Path.Combine(directory, "passwd");
        for (var i = 0; i < logins.Length; i++)
        {
            string[] args = i == 0 ? ["-b", "-c", path, logins[i].User, logins[i].Password] : ["-b", path, logins[i].User, logins[i].Password];
            var result = ChildProcess.Run("mosquitto_passwd", args, TimeSpan.FromSeconds(30));
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"mosquitto_passwd failed: {result.StandardError}");
            }
        }

        // Mosquitto drops root privileges before reading the file: it must be world-readable.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        return path;
    }

    /// <summary>Waits until a TCP connect to <see cref="Port"/> succeeds: Mosquitto says nothing the moment it
    /// listens (its stdout is buffered), so the port is what tells.</summary>
    public Task WaitUntilListeningAsync() =>
        FreePort.WaitUntilListeningAsync(Port, _options.StartTimeout, () => $"mosquitto {Current.Describe()}");

    /// <summary>Waits for Mosquitto to end by itself (a config it refused) and returns its exit code.</summary>
    /// <exception cref="TimeoutException">It still runs; the message carries its log.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var exitCode = await Current.WaitForExitAsync(timeout);
        // Its buffered log, written as it exits.
        await Current.WaitForOutputEndAsync(timeout);
        return exitCode;
    }

    /// <summary>SIGTERM, as systemctl stop and docker stop send it: Mosquitto saves its database and exits.</summary>
    public async Task StopAsync()
    {
        await Current.StopAsync(StopTimeout);
        // Its buffered log, written as it exits.
        await Current.WaitForOutputEndAsync(StopTimeout);
    }

    /// <summary>SIGKILL: the broker vanishes without closing anything cleanly.</summary>
    public Task KillAsync() => Current.KillAsync();

    /// <summary>Stops and starts again on the same port, waiting until it listens.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        Launch();
        await WaitUntilListeningAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var run in _runs)
        {
            await run.DisposeAsync();
        }

        if (_directory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void WriteConfig()
    {
        var lines = new List<string>
        {
            $"listener {Port} 127.0.0.1",
            "persistence false",
            "set_tcp_nodelay true",
            "log_dest stdout",
            "log_type all",
            "connection_messages true",
        };
        if (_options.PasswordFile is not null && _options.DynamicSecurityFile is not null)
        {
            // Mosquitto would consult both, the password file after the plugin: two sources of logins, as no cluster has.
            throw new InvalidOperationException("give a password file or a dynamic-security file, not both");
        }

        if (_options.PasswordFile is { } passwordFile)
        {
            lines.Add("allow_anonymous false");
            lines.Add($"password_file {passwordFile}");
        }
        else if (_options.DynamicSecurityFile is { } dynamicSecurity)
        {
            lines.Add("allow_anonymous false");
            // plugin_opt_ lines must follow their plugin line, or Mosquitto refuses to start.
            lines.Add($"plugin {MosquittoPlugins.DynamicSecurity()}");
            lines.Add($"plugin_opt_config_file {dynamicSecurity}");
        }
        else
        {
            lines.Add("allow_anonymous true");
        }

        lines.AddRange(_options.ExtraConfig);
        File.WriteAllLines(_configPath, lines);
        // Mosquitto started as root drops to user 'mosquitto' and must still read its files.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.GetDirectoryName(_configPath)!, (UnixFileMode)0b111_101_101);
        }
    }

    private void Launch() =>
        _runs.Add(ChildProcess.Start("mosquitto", ["-c", _configPath], new ChildProcessOptions { Description = $"mosquitto -c {_configPath}" }));
}
