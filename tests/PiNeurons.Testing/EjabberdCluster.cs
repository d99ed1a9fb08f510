using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace PiNeurons.Testing;

/// <summary>
/// A real ejabberd cluster of the test's own (Debian's ejabberd 23.01 and its ejabberdctl, as root): N nodes on
/// 127.0.0.1, each in a folder of its own with a unique Erlang node name, a free MQTT port and a distribution port
/// window of its own, sharing a random cookie and an epmd of the cluster's own; node 2 and the next joined to node 1
/// with <c>ejabberdctl join_cluster</c>. Never the system service. Nodes are numbered from 1, as in <c>node 1</c>.
/// </summary>
/// <remarks>
/// Start-up waits on the node's MQTT listener and on <c>ejabberdctl status</c>, never a fixed delay. Every ejabberdctl
/// call boots an Erlang VM: a 2-node cluster stood in 6-7 s on a 2-core machine at load 4 (15 s when busier), and with
/// generated secrets registering the XOR cluster's 8 logins took about 6 s more (one call per login).
/// A test run that dies leaves the detached nodes running: their pid files (<c>n*/ejabberd.pid</c>, <c>epmd.pid</c>) are
/// under <c>$PINEURONS_EJABBERD_ROOT</c> when set (else the temp folder), which .ci/broker-cluster.sh ends.
/// </remarks>
public sealed class EjabberdCluster : IAsyncDisposable
{
    /// <summary>Where the clusters' folders go when set, else the temp folder.</summary>
    public const string RootVariable = "PINEURONS_EJABBERD_ROOT";

    private readonly Epmd _epmd;
    private readonly List<EjabberdNode> _nodes;

    private EjabberdCluster(string directory, Epmd epmd, List<EjabberdNode> nodes)
    {
        Directory = directory;
        _epmd = epmd;
        _nodes = nodes;
    }

    /// <summary>The cluster's folder: a folder per node, and the epmd's pid file.</summary>
    public string Directory { get; }

    /// <summary>Every node, node 1 first.</summary>
    public IReadOnlyList<EjabberdNode> Nodes => _nodes;

    /// <summary>How long <see cref="StartAsync"/> took, from the first file written to the last user registered.</summary>
    public TimeSpan StartDuration { get; private set; }

    /// <summary>Node <paramref name="number"/>, 1 to the number of nodes.</summary>
    public EjabberdNode Node(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, _nodes.Count);
        return _nodes[number - 1];
    }

    /// <summary>Writes every node's files, starts the nodes, joins them to node 1 and, with generated secrets, registers
    /// the users; returns once every node serves MQTT as one cluster.</summary>
    public static async Task<EjabberdCluster> StartAsync(EjabberdClusterOptions? options = null)
    {
        options ??= new EjabberdClusterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Nodes, 1);
        if (options.ConfigFile is not null && options.Auth.SecretsDirectory is null)
        {
            throw new ArgumentException("a deployment's ejabberd.yml needs the generated secrets it names: EjabberdAuth.FromSecrets", nameof(options));
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("an ejabberd cluster runs on Linux, with Debian's ejabberd package");
        }

        RequireRootAndEjabberd();
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(options.StartTimeout);
        var root = Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } set ? set : Path.GetTempPath();
        if (root.Any(char.IsWhiteSpace))
        {
            throw new InvalidOperationException($"{RootVariable} '{root}' holds a space: ejabberdctl's command lines are split on spaces");
        }

        // The node names' prefix names the folder too, so a leftover folder says which nodes were its.
        var prefix = "pn" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var directory = Path.Combine(Path.GetFullPath(root), "pineurons-ejabberd-" + prefix);
        // ejabberdctl runs the node as the ejabberd user, who must reach its folder.
        System.IO.Directory.CreateDirectory(directory, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        var epmd = await Epmd.StartAsync(Path.Combine(directory, "epmd.pid"), TimeSpan.FromSeconds(10));
        var cookie = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var nodes = Enumerable.Range(1, options.Nodes)
            .Select(n => WriteNode(directory, n, $"{prefix}n{n}@{EjabberdNodeConfig.Host}", cookie, epmd.Port, options))
            .ToList();
        var cluster = new EjabberdCluster(directory, epmd, nodes);
        try
        {
            Check(await ChildProcess.RunAsync("chown", ["-R", "ejabberd:ejabberd", directory], TimeSpan.FromSeconds(30)), "chown");
            await Task.WhenAll(nodes.Select(n => n.StartAsync(deadline.Token)));
            foreach (var node in nodes.Skip(1))
            {
                // Stops ejabberd on the joining node, copies node 1's tables and starts it again, listeners included.
                EjabberdNode.Require(await node.ControlAsync("join_cluster", nodes[0].Name), $"join_cluster of {node.Name} to {nodes[0].Name}");
                await node.WaitUntilStartedAsync(deadline.Token);
            }

            await cluster.RequireMembersAsync();
            if (options.Auth.SecretsDirectory is { } secrets)
            {
                await cluster.RegisterUsersAsync(secrets);
            }

            cluster.StartDuration = clock.Elapsed;
            return cluster;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var logs = string.Join("\n", nodes.Select(n => $"{n.Name}:\n{n.Log}"));
            await cluster.DisposeAsync();
            throw new TimeoutException($"the ejabberd cluster did not start within {options.StartTimeout.TotalSeconds:0} s; the nodes' logs:\n{logs}");
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL of node <paramref name="number"/>'s VM (its OS pid from its pid file): its connections drop with no
    /// DISCONNECT, nothing is saved. Returns once the process is gone.</summary>
    public async Task KillAsync(int number)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Node(number).KillAsync(timeout.Token);
    }

    /// <summary>A clean stop of node <paramref name="number"/> (<c>ejabberdctl stop</c>); returns once its VM has exited.</summary>
    public async Task StopAsync(int number)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await Node(number).StopAsync(timeout.Token);
    }

    /// <summary>Starts node <paramref name="number"/> again after a kill or a stop, on the same ports and folders: it finds
    /// the cluster in its own Mnesia schema, with no new join.</summary>
    public async Task RestartAsync(int number)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await Node(number).StartAsync(timeout.Token);
    }

    /// <summary>Kills every node and the epmd, then removes the folders: a test cluster's data is not worth a clean stop.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var node in _nodes)
        {
            await node.KillAsync(timeout.Token);
        }

        await _epmd.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static EjabberdNode WriteNode(string clusterDirectory, int number, string name, string cookie, int epmdPort, EjabberdClusterOptions options)
    {
        var directory = Path.Combine(clusterDirectory, "n" + number.ToString(CultureInfo.InvariantCulture));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "spool"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "logs"));
        var secrets = options.Auth.SecretsDirectory;
        var node = new EjabberdNode(number, directory, name, options.ConfigFile is null ? FreePort.Pick() : null, secrets is null ? null : FreePort.Pick());
        if (secrets is not null)
        {
            // Copies the ejabberd user owns: the generated key is 0600 for whoever ran pineurons secrets.
            foreach (var file in new[] { "ca.crt", "broker.crt", "broker.key", EjabberdAuth.AccessFileName })
            {
                File.Copy(Path.Combine(secrets, file), Path.Combine(directory, file));
            }
        }

        File.WriteAllText(Path.Combine(directory, "ejabberdctl.cfg"),
            EjabberdNodeConfig.Control(name, cookie, epmdPort, FreePort.PickRange(5), node.PidFile));
        File.WriteAllText(Path.Combine(directory, "ejabberd.yml"), options.ConfigFile is { } deployed
            ? EjabberdNodeConfig.Deployed(File.ReadAllText(deployed), directory, node.TlsPort!.Value)
            : EjabberdNodeConfig.Server(node.Port!.Value, node.TlsPort, directory, options.Auth, options.SessionExpirySeconds));
        return node;
    }

    private static void RequireRootAndEjabberd()
    {
        ProgramPath.Find("ejabberdctl", "ejabberd is not installed: apt-get install ejabberd (the tests start private nodes with its ejabberdctl; the package starts no service of its own)");
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException($"Debian's ejabberdctl runs only as root or as the ejabberd user, not as {Environment.UserName}: run these tests as root (CI does)");
        }
    }

    private static void Check(ChildProcessResult result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed: {result}");
        }
    }

    private async Task RequireMembersAsync()
    {
        var members = await _nodes[0].ControlAsync("list_cluster");
        if (members.ExitCode != 0 || _nodes.Any(n => !members.StandardOutput.Split('\n').Contains(n.Name)))
        {
            throw new InvalidOperationException($"{_nodes[0].Name}'s list_cluster does not name every node: {members}");
        }
    }

    // The generated script registers each login once for the whole cluster: the users live in Mnesia, replicated.
    private async Task RegisterUsersAsync(string secrets)
    {
        var script = Path.Combine(secrets, EjabberdAuth.UsersScriptName);
        var result = await ChildProcess.RunAsync("sh", [script], TimeSpan.FromMinutes(2), new ChildProcessOptions
        {
            Environment = new Dictionary<string, string?> { ["EJABBERDCTL"] = _nodes[0].ControlCommand, ["EJABBERD_HOST"] = EjabberdNodeConfig.Host },
        });
        Check(result, $"sh {script}");
    }
}
