using System.Diagnostics;
using System.Text;

namespace PiNeurons.Testing;

/// <summary>
/// A real Mosquitto of the test's own: fresh temp config, free loopback port, output captured in
/// <see cref="Log"/>. Never the system service.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _configPath;
    private readonly MosquittoOptions _options;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private MosquittoBroker(string directory, int port, MosquittoOptions options)
    {
        _directory = directory;
        _configPath = Path.Combine(directory, "mosquitto.conf");
        Port = port;
        _options = options;
    }

    /// <summary>The loopback port the broker listens on (kept across <see cref="RestartAsync"/>).</summary>
    public int Port { get; }

    /// <summary><c>mqtt://127.0.0.1:port</c>.</summary>
    public string Url => $"mqtt://127.0.0.1:{Port}";

    /// <summary>Everything Mosquitto wrote so far (log_type all), for failure messages.</summary>
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

    /// <summary>Writes a config into a fresh temp dir, starts Mosquitto on a free port (or the options' <see cref="MosquittoOptions.Port"/>) and waits until it listens.</summary>
    public static async Task<MosquittoBroker> StartAsync(MosquittoOptions? options = null)
    {
        options ??= new MosquittoOptions();
        var directory = Directory.CreateTempSubdirectory("pineurons-mosquitto-").FullName;
        var broker = new MosquittoBroker(directory, options.Port ?? FreePort.Pick(), options);
        broker.WriteConfig();
        await broker.LaunchAsync();
        return broker;
    }

    /// <summary>Runs <c>mosquitto_passwd -b -c</c> to create a password file with one user; returns its path.</summary>
    public static string CreatePasswordFile(string directory, string user, string password) =>
        CreatePasswordFile(directory, (user, password));

    /// <summary>Runs <c>mosquitto_passwd -b</c> once per login (the first with <c>-c</c>) into one password file; returns its path.</summary>
    public static string CreatePasswordFile(string directory, params (string User, string Password)[] logins)
    {
        ArgumentNullException.ThrowIfNull(logins);
        var tool = Locate("mosquitto_passwd", "/usr/bin/mosquitto_passwd");
        var path = Path.Combine(directory, "passwd");
        for (var i = 0; i < logins.Length; i++)
        {
            string[] args = i == 0 ? ["-b", "-c", path, logins[i].User, logins[i].Password] : ["-b", path, logins[i].User, logins[i].Password];
            using var process = Process.Start(new ProcessStartInfo(tool, args)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("could not start mosquitto_passwd");
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"mosquitto_passwd failed: {process.StandardError.ReadToEnd()}");
            }
        }

        // Mosquitto drops root privileges before reading the file: it must be world-readable.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        return path;
    }

    /// <summary>SIGTERM, then waits for the process to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await process.WaitForExitAsync();
    }

    /// <summary>SIGKILL: the broker vanishes without closing anything cleanly.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>Stops and starts again on the same port, waiting until it listens.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Locate(string name, string fallback)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return File.Exists(fallback) ? fallback : throw new InvalidOperationException($"{name} not found; install mosquitto: apt-get install mosquitto");
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
            File.SetUnixFileMode(_directory, (UnixFileMode)0b111_101_101);
        }
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo(Locate("mosquitto", "/usr/sbin/mosquitto"), ["-c", _configPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process?.Dispose();
        _process = process;
        await FreePort.WaitUntilListeningAsync(Port, _options.StartTimeout, () => $"mosquitto log:\n{Log}");
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
