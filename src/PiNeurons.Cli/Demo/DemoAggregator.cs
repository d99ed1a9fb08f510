using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PiNeurons.Aggregator;
using PiNeurons.Cli.Infrastructure;

namespace PiNeurons.Cli.Demo;

/// <summary>The aggregator, in the demo's process, on the demo's broker, with its history in the demo's temp dir.</summary>
internal static class DemoAggregator
{
    public static Task<RunningAggregator> StartAsync(BrokerTarget broker, string root, string stateDir, int port, CancellationToken ct)
    {
        var url = $"http://127.0.0.1:{(IsFree(port) ? port : 0).ToString(CultureInfo.InvariantCulture)}";
        return AggregatorApp.StartAsync(
            [
                "--broker", broker.Address.ToString(),
                .. broker.AggregatorArguments(),
                "--root", root,
                "--urls", url,
                "--state-dir", stateDir,
                // A session of its own per run: a demo must not be handed a previous run's queued events.
                "--client-id", $"pineurons-demo-aggregator-{Guid.NewGuid():N}",
                "--session-expiry", "60",
            ],
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning),
            ct);
    }

    private static bool IsFree(int port)
    {
        if (port == 0)
        {
            return true;
        }

        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
