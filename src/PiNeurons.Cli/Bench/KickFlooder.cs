using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Mqtt;
using PiNeurons.Mqtt.Tls;

namespace PiNeurons.Cli.Bench;

/// <summary>
/// The sending side of <c>bench throughput</c>: an MQTT 3.1.1 client that writes QoS 0 kicks to one topic, many
/// packets per socket write, so that what is measured is the neuron and the broker, not the sender. A full MQTT
/// client (MQTTnet) writes one packet per call and awaits it; on a two-core machine that shared the CPU with the
/// neuron and capped the figure at the client's own rate. QoS 0 needs no acknowledgements, so the client never
/// reads after the CONNACK; the broker's TCP window paces it.
/// </summary>
internal sealed class KickFlooder : IAsyncDisposable
{
    // Packets per write: large enough that a write costs little per kick, small enough to stop on time.
    private const int PacketsPerWrite = 256;
    private const byte ConnectType = 0x10;
    private const byte ConnAckType = 0x20;
    private const byte PublishQos0 = 0x30;
    private static readonly byte[] Disconnect = [0xE0, 0x00];

    private readonly TcpClient _tcp;
    private readonly Stream _stream;

    private KickFlooder(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        _stream = stream;
    }

    /// <summary>Connects to <paramref name="target"/> (TLS and login as the other bench clients use them).</summary>
    /// <exception cref="BrokerUnreachableException">The broker did not answer or refused the connection.</exception>
    public static async Task<KickFlooder> ConnectAsync(BrokerTarget target, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var tcp = new TcpClient { NoDelay = false };
        try
        {
            await tcp.ConnectAsync(target.Address.First.Host, target.Address.First.Port, deadline.Token);
            Stream stream = tcp.GetStream();
            if (target.Tls is { } tls)
            {
                stream = await AuthenticateAsync(stream, target.Address.First.Host, tls, deadline.Token);
            }

            await stream.WriteAsync(ConnectPacket(target.Login), deadline.Token);
            var ack = new byte[4];
            await stream.ReadExactlyAsync(ack, deadline.Token);
            if (ack[0] != ConnAckType || ack[3] != 0)
            {
                throw new BrokerUnreachableException(target.Address.First, $"the broker refused the flooding client (CONNACK return code {ack[3]})");
            }

            return new KickFlooder(tcp, stream);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            tcp.Dispose();
            throw new BrokerUnreachableException(target.Address.First, ex.Message, innerException: ex);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Sends kicks from <paramref name="source"/> to <paramref name="topic"/> until <paramref name="seconds"/>
    /// have passed; returns how many were written to the socket.</summary>
    public async Task<long> FloodAsync(string topic, string source, double seconds, TimeProvider time, CancellationToken ct)
    {
        var batch = Batch(Publish(topic, Encoding.UTF8.GetBytes(source)), PacketsPerWrite);
        var started = time.GetTimestamp();
        long sent = 0;
        while (time.GetElapsedTime(started).TotalSeconds < seconds)
        {
            await _stream.WriteAsync(batch, ct);
            sent += PacketsPerWrite;
        }

        return sent;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _stream.WriteAsync(Disconnect);
        }
        catch (IOException)
        {
            // The broker closed first; there is nothing left to say goodbye to.
        }

        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private static async Task<Stream> AuthenticateAsync(Stream plain, string host, MqttTls tls, CancellationToken ct)
    {
        var check = tls.CaCertificate is { } ca ? new BrokerCertificateCheck(ca, TimeProvider.System) : null;
        var ssl = new SslStream(plain, leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = host,
            ClientCertificates = tls.ClientCertificate is { } cert ? new X509CertificateCollection(new X509Certificate[] { cert }) : null,
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                check?.Accepts(certificate, errors, host) ?? errors == SslPolicyErrors.None,
        }, ct);
        return ssl;
    }

    private static byte[] ConnectPacket(MqttLogin? login)
    {
        var body = new List<byte>();
        body.AddRange(String("MQTT"));
        body.Add(0x04); // protocol level: 3.1.1
        byte flags = 0x02; // clean session
        if (login is not null)
        {
            flags |= 0x80; // user name
            flags |= login.Password is null ? (byte)0 : (byte)0x40;
        }

        body.Add(flags);
        body.AddRange([0x00, 0x3C]); // keep alive, 60 s: the flood ends long before
        body.AddRange(String($"pineurons-flood-{Guid.NewGuid():N}"[..23]));
        if (login is not null)
        {
            body.AddRange(String(login.UserName));
            if (login.Password is { } password)
            {
                body.AddRange(String(password));
            }
        }

        return Packet(ConnectType, [.. body]);
    }

    private static byte[] Publish(string topic, byte[] payload)
    {
        var topicBytes = String(topic);
        return Packet(PublishQos0, [.. topicBytes, .. payload]);
    }

    private static byte[] Batch(byte[] packet, int count)
    {
        var batch = new byte[packet.Length * count];
        for (var i = 0; i < count; i++)
        {
            packet.CopyTo(batch, i * packet.Length);
        }

        return batch;
    }

    // An MQTT string: a two-byte big-endian length, then the UTF-8 bytes.
    private static byte[] String(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var bytes = new byte[2 + utf8.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, checked((ushort)utf8.Length));
        utf8.CopyTo(bytes, 2);
        return bytes;
    }

    // Fixed header: the type byte, then the remaining length as a variable-length integer (7 bits a byte).
    private static byte[] Packet(byte type, byte[] body)
    {
        var header = new List<byte> { type };
        var length = body.Length;
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            header.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (length > 0);

        return [.. header, .. body];
    }
}
