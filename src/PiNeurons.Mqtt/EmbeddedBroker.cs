using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Server;
using PiNeurons.Mqtt.Internal;

namespace PiNeurons.Mqtt;

/// <summary>
/// An in-process MQTTnet broker on loopback, for the CLI demo when no broker is given. It keeps
/// retained messages in memory and publishes wills like Mosquitto (but ignores MQTT 5
/// "disconnect with will", see notes/dotnet-facts.md), and gives a client that sends no client id one of
/// its own, so stock tools connect with their defaults.
/// </summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private int _stopped;

    private EmbeddedBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
        Address = new BrokerAddress("mqtt", "127.0.0.1", port, UseTls: false);
    }

    /// <summary>The loopback port the broker listens on.</summary>
    public int Port { get; }

    /// <summary><c>mqtt://127.0.0.1:port</c>.</summary>
    public BrokerAddress Address { get; }

    /// <summary>
    /// Starts the broker on 127.0.0.1. <paramref name="port"/> 0 picks a free port; any other port is
    /// a preference: when it is taken (e.g. 1883 by a system Mosquitto) a free port is used instead.
    /// </summary>
    public static async Task<EmbeddedBroker> StartAsync(int port = 0, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        logger ??= NullLogger.Instance;
        if (port != 0 && !IsFree(port))
        {
            logger.EmbeddedBrokerPortTaken(port);
            port = 0;
        }

        // A free port found by probing can be taken before the server binds it: try a few times.
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            var candidate = port != 0 ? port : PickFreePort();
            var server = Create(candidate, logger);
            try
            {
                await server.StartAsync();
                var broker = new EmbeddedBroker(server, candidate);
                logger.EmbeddedBrokerStarted(broker.Address);
                return broker;
            }
            catch (SocketException) when (attempt < 5)
            {
                server.Dispose();
                port = 0;
            }
        }
    }

    /// <summary>Stops the broker; connected clients see the connection drop.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _server.StopAsync(new MqttServerStopOptions());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _server.Dispose();
    }

    private static MqttServer Create(int port, ILogger logger)
    {
        var options = new MqttServerFactory().CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(options, [new ClientIdAssigningServerAdapter()]);
        // An MQTT 5 client with an empty client id: the server uses this one and names it in the CONNACK.
        server.ValidatingConnectionAsync += e =>
        {
            e.AssignedClientIdentifier = ClientIdAssigningServerAdapter.NewClientId();
            return Task.CompletedTask;
        };
        server.ClientConnectedAsync += e =>
        {
            logger.EmbeddedBrokerClient(e.ClientId, "connected");
            return Task.CompletedTask;
        };
        server.ClientDisconnectedAsync += e =>
        {
            logger.EmbeddedBrokerClient(e.ClientId, $"disconnected ({e.DisconnectType})");
            return Task.CompletedTask;
        };
        return server;
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

    private static int PickFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
