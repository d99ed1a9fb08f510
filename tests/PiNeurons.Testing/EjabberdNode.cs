using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PiNeurons.Mqtt;

namespace PiNeurons.Testing;

/// <summary>
/// One node of an <see cref="EjabberdCluster"/>: its folder (ejabberdctl.cfg, ejabberd.yml, spool, logs, pid file), its
/// Erlang node name, its MQTT listeners, and ejabberdctl aimed at it. Debian's ejabberdctl starts the node detached, as
/// the <c>ejabberd</c> user, so the node is no child of the test: it is found by the pid file ejabberd writes.
/// </summary>
public sealed class EjabberdNode
{
    private static readonly TimeSpan CtlTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    internal EjabberdNode(int number, string directory, string name, int? port, int? tlsPort)
    {
        Number = number;
        Directory = directory;
        Name = name;
        Port = port;
        TlsPort = tlsPort;
    }

    /// <summary>1 for the node the others joined, then 2, 3...</summary>
    public int Number { get; }

    /// <summary>The Erlang node name, <c>pn&lt;random&gt;n&lt;number&gt;@localhost</c>.</summary>
    public string Name { get; }

    /// <summary>The node's folder.</summary>
    public string Directory { get; }

    /// <summary>The plain MQTT listener's port on 127.0.0.1, or null for a deployment's config, which has none.</summary>
    public int? Port { get; }

    /// <summary>The TLS listener's port on 127.0.0.1 (with generated secrets), or null.</summary>
    public int? TlsPort { get; }

    /// <summary><c>mqtt://127.0.0.1:port</c> of the plain listener.</summary>
    /// <exception cref="InvalidOperationException">The node runs a deployment's config, with its TLS listener only.</exception>
    public BrokerAddress Broker => Port is { } port
        ? new BrokerAddress("mqtt", "127.0.0.1", port, UseTls: false)
        : throw new InvalidOperationException($"ejabberd node {Name} has no plain listener (a deployment's config): use TlsBroker");

    /// <summary><c>mqtts://127.0.0.1:port</c> of the TLS listener (with generated secrets), or null.</summary>
    public BrokerAddress? TlsBroker => TlsPort is { } port ? new BrokerAddress("mqtts", "127.0.0.1", port, UseTls: true) : null;

    /// <summary>The last lines of ejabberd's own log, for failure messages.</summary>
    public string Log
    {
        get
        {
            var path = Path.Combine(Directory, "logs", "ejabberd.log");
            try
            {
                return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(40)) : $"(no {path})";
            }
            catch (IOException ex)
            {
                return $"({path}: {ex.Message})";
            }
        }
    }

    /// <summary>The ejabberdctl command line aimed at this node, for a script that takes one (<c>EJABBERDCTL</c>): its
    /// words, which hold no space.</summary>
    public string ControlCommand => string.Join(' ', ["ejabberdctl", .. ControlArguments]);

    internal string PidFile => Path.Combine(Directory, "ejabberd.pid");

    private IEnumerable<string> ControlArguments =>
    [
        "--ctl-config", Path.Combine(Directory, "ejabberdctl.cfg"), "--config", Path.Combine(Directory, "ejabberd.yml"),
        "--spool", Path.Combine(Directory, "spool"), "--logs", Path.Combine(Directory, "logs"), "--node", Name,
    ];

    /// <summary>Runs <c>ejabberdctl COMMAND ARGS</c> against this node and returns its exit code and output.</summary>
    public Task<ChildProcessResult> ControlAsync(params string[] arguments) =>
        ChildProcess.RunAsync("ejabberdctl", [.. ControlArguments, .. arguments], CtlTimeout,
            new ChildProcessOptions { Description = $"ejabberdctl --node {Name} {string.Join(' ', arguments)}" });

    /// <summary>The OS pid of the node's Erlang VM, from its pid file, when that VM runs (a pid reused by another process
    /// since does not count: the VM's command line names the node).</summary>
    internal int? RunningPid()
    {
        if (!File.Exists(PidFile) || !int.TryParse(File.ReadAllText(PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The state follows the command name in parentheses; a zombie (Z) has exited, its parent not told yet.
            var state = stat[stat.LastIndexOf(')') + 2];
            var command = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            return state is not ('Z' or 'X') && command.Contains(Name) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Starts the node (detached) and waits until it serves MQTT and ejabberdctl says it is started.</summary>
    internal async Task StartAsync(CancellationToken ct)
    {
        if (RunningPid() is { } pid)
        {
            throw new InvalidOperationException($"ejabberd node {Name} already runs (pid {pid})");
        }

        // A killed node's pid file stays behind; the new VM writes its own once ejabberd starts.
        File.Delete(PidFile);
        Require(await ControlAsync("start"), $"start of {Name}");
        await WaitUntilStartedAsync(ct);
    }

    /// <summary>Waits until the node listens for MQTT, then until ejabberdctl status says started; fails at once, with the
    /// node's log, when its VM is gone (a config it refused).</summary>
    internal async Task WaitUntilStartedAsync(CancellationToken ct)
    {
        // The listener opens once the ejabberd application has started: a cheap signal to wait on, where each ejabberdctl
        // status costs an Erlang VM's boot.
        while (!await AcceptsAsync(Port ?? TlsPort!.Value, ct))
        {
            if (RunningPid() is null && File.Exists(PidFile))
            {
                throw new InvalidOperationException($"ejabberd node {Name} exited while starting; its log:\n{Log}");
            }

            await Task.Delay(Poll, ct);
        }

        while (true)
        {
            var status = await ControlAsync("status");
            if (status.ExitCode == 0)
            {
                return;
            }

            if (RunningPid() is null)
            {
                throw new InvalidOperationException($"ejabberd node {Name} exited while starting: {status}\nits log:\n{Log}");
            }

            await Task.Delay(Poll, ct);
        }
    }

    /// <summary>SIGKILL of the node's VM, then waits until it is gone: nothing closes cleanly.</summary>
    internal async Task KillAsync(CancellationToken ct)
    {
        if (RunningPid() is { } pid)
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
            await WaitUntilGoneAsync(ct);
        }
    }

    /// <summary><c>ejabberdctl stop</c>, which returns before the node is down, then waits until its VM is gone.</summary>
    internal async Task StopAsync(CancellationToken ct)
    {
        if (RunningPid() is null)
        {
            return;
        }

        Require(await ControlAsync("stop"), $"stop of {Name}");
        await WaitUntilGoneAsync(ct);
    }

    /// <summary>Throws, with ejabberdctl's output, unless it exited 0.</summary>
    internal static void Require(ChildProcessResult result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ejabberdctl {what} failed: {result}");
        }
    }

    private async Task WaitUntilGoneAsync(CancellationToken ct)
    {
        while (RunningPid() is not null)
        {
            await Task.Delay(Poll, ct);
        }
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
