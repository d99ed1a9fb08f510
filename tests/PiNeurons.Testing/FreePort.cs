using System.Net;
using System.Net.Sockets;

namespace PiNeurons.Testing;

/// <summary>Loopback port helpers for tests.</summary>
public static class FreePort
{
    /// <summary>A port the OS just handed out on 127.0.0.1 and that is free again now.</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// <paramref name="count"/> consecutive ports, each free on 127.0.0.1 right now: the first one the OS hands out whose
    /// neighbours are free too (an Erlang node's distribution window, which ejabberdctl's calls share with the node).
    /// </summary>
    public static (int From, int To) PickRange(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = Pick();
            if (first + count - 1 <= IPEndPoint.MaxPort && Enumerable.Range(first + 1, count - 1).All(IsFree))
            {
                return (first, first + count - 1);
            }
        }

        throw new InvalidOperationException($"found no {count} consecutive free ports on 127.0.0.1 in 100 attempts");
    }

    /// <summary>Waits until a TCP connect to 127.0.0.1:<paramref name="port"/> succeeds, polling briefly.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
                return;
            }
            catch (SocketException)
            {
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"nothing listens on 127.0.0.1:{port} after {timeout.TotalSeconds:0.#} s. {diagnostics?.Invoke()}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
