using System.Globalization;

namespace PiNeurons.Testing;

/// <summary>
/// An Erlang port mapper of the test's own, on 127.0.0.1 and a free port, for one <see cref="EjabberdCluster"/>: the
/// machine's epmd on 4369 is shared by every Erlang node here (other tests, other clusters, a system service), and one a
/// test started there would outlive it. Its pid goes to a file beside the cluster, so a CI stage can end it after a
/// test run that died.
/// </summary>
internal sealed class Epmd : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private Epmd(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The port the cluster's nodes and ejabberdctl find it on (ERL_EPMD_PORT).</summary>
    public int Port { get; }

    /// <summary>Starts epmd in the foreground (a child of the test) and waits until it listens.</summary>
    public static async Task<Epmd> StartAsync(string pidFile, TimeSpan timeout)
    {
        var port = FreePort.Pick();
        var process = ChildProcess.Start("epmd", ["-port", port.ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1"]);
        await File.WriteAllTextAsync(pidFile, process.Id.ToString(CultureInfo.InvariantCulture) + "\n");
        var epmd = new Epmd(process, port);
        try
        {
            await FreePort.WaitUntilListeningAsync(port, timeout, process.Describe);
            return epmd;
        }
        catch
        {
            await epmd.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
