using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Server;
using MQTTnet.Server.Internal.Adapter;

namespace PiNeurons.Mqtt.Internal;

/// <summary>
/// MQTTnet's TCP listener, with one change: a client that sends an empty client id gets one from the
/// broker, as MQTT 3.1.1 (3.1.3-6, with clean session) and MQTT 5 (3.1.3.1) allow. mosquitto_pub, mosquitto_sub and
/// mosquitto_rr send an empty id by default (as MQTT 3.1.1 unless told -V 5); MQTTnet's server assigns one only
/// to MQTT 5 clients and refuses the rest with "identifier rejected".
/// </summary>
internal sealed class ClientIdAssigningServerAdapter : IMqttServerAdapter
{
    /// <summary>The prefix of an assigned client id, as Mosquitto's <c>auto-</c>, so a log tells them apart.</summary>
    public const string AssignedPrefix = "auto-";

    private readonly MqttTcpServerAdapter _tcp = new();

    /// <inheritdoc />
    public Func<IMqttChannelAdapter, Task> ClientHandler { get; set; } = _ => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        _tcp.ClientHandler = channel => ClientHandler(new Channel(channel));
        return _tcp.StartAsync(options, logger);
    }

    /// <inheritdoc />
    public Task StopAsync() => _tcp.StopAsync();

    /// <inheritdoc />
    public void Dispose() => _tcp.Dispose();

    /// <summary>A new client id: unique enough for one broker's lifetime, valid under every MQTT version's rule (23 characters or fewer).</summary>
    public static string NewClientId() => AssignedPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>The accepted connection, passed through but for the CONNECT packet, which is read first.</summary>
    private sealed class Channel(IMqttChannelAdapter inner) : IMqttChannelAdapter
    {
        private bool _connectSeen;

        public long BytesReceived => inner.BytesReceived;

        public long BytesSent => inner.BytesSent;

        public X509Certificate2 ClientCertificate => inner.ClientCertificate;

        public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

        public EndPoint LocalEndPoint => inner.LocalEndPoint;

        public bool IsSecureConnection => inner.IsSecureConnection;

        public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

        public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

        public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

        public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
        {
            var packet = await inner.ReceivePacketAsync(cancellationToken).ConfigureAwait(false);
            if (!_connectSeen && packet is MqttConnectPacket connect)
            {
                _connectSeen = true;
                // MQTT 5 clients are given their id by the server itself, which also names it in the CONNACK
                // (EmbeddedBroker sets AssignedClientIdentifier). An MQTT 3.1.1 client asking to resume a session
                // without an id must still be refused (3.1.3-8): only a clean one gets an id.
                if (string.IsNullOrEmpty(connect.ClientId)
                    && inner.PacketFormatterAdapter.ProtocolVersion != MqttProtocolVersion.V500
                    && connect.CleanSession)
                {
                    connect.ClientId = NewClientId();
                }
            }

            return packet;
        }

        public void ResetStatistics() => inner.ResetStatistics();

        public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken) => inner.SendPacketAsync(packet, cancellationToken);

        public void Dispose() => inner.Dispose();
    }
}
