using System.Net.Sockets;
using MQTTnet.Exceptions;
using PiNeurons.Mqtt.Tls;

namespace PiNeurons.Mqtt.Internal;

/// <summary>
/// Says in words a person reads why a connection to the broker failed, and what to try. The library's
/// own texts ("Connection closed.", "Error while authenticating") say what the socket saw, not what it means
/// for someone who typed a broker address.
/// </summary>
internal static class ConnectFailure
{
    /// <summary>The reason and the hint for <paramref name="ex"/>, thrown while connecting to <paramref name="broker"/> for up to <paramref name="timeout"/>.</summary>
    public static BrokerUnreachableException Describe(Exception ex, BrokerAddress broker, TimeSpan timeout, BrokerCertificateCheck? check)
    {
        if (Find<MqttCommunicationTimedOutException>(ex) is not null)
        {
            // MQTTnet's own timeout: a listener that accepted the connection and never answered CONNECT.
            return BrokerUnreachableException.NoAnswer(broker, timeout);
        }

        if (TlsFailure.Find(ex, check) is { } tls)
        {
            // A refused certificate says why itself; a handshake that just failed may have met a plain port.
            var hint = check?.LastRefusal is null ? $"if it is a plain MQTT port, use mqtt://{broker.Host}:{broker.Port}" : null;
            return new BrokerUnreachableException(broker, tls.TrimEnd('.'), hint, ex);
        }

        var socket = Find<SocketException>(ex);
        switch (socket?.SocketErrorCode)
        {
            case SocketError.ConnectionRefused:
                return new BrokerUnreachableException(broker, $"nothing accepts connections on port {broker.Port} of {broker.Host}", "is the broker running? Set --broker or PINEURONS_BROKER", ex);
            case SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData:
                return new BrokerUnreachableException(broker, $"the host name {broker.Host} is not known", "check the host in --broker (or PINEURONS_BROKER)", ex);
            case SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.TimedOut:
                return new BrokerUnreachableException(broker, $"{broker.Host} cannot be reached over the network", "check the address and that this machine is on the broker's network", ex);
            case SocketError.ConnectionReset when broker.UseTls:
                return ClosedDuringTls(broker, ex);
        }

        if (Find<MqttProtocolViolationException>(ex) is not null)
        {
            return new BrokerUnreachableException(broker, $"port {broker.Port} of {broker.Host} answered with something that is not MQTT 5", "check the port in --broker", ex);
        }

        if (socket is not null || Find<MqttCommunicationException>(ex) is not null || Find<IOException>(ex) is not null)
        {
            return broker.UseTls
                ? ClosedDuringTls(broker, ex)
                : new BrokerUnreachableException(
                    broker,
                    $"port {broker.Port} of {broker.Host} closed the connection without answering as an MQTT broker",
                    $"if it is a TLS port (8883, 8884), use mqtts://{broker.Host}:{broker.Port}",
                    ex);
        }

        return new BrokerUnreachableException(broker, FirstLine(ex), null, ex);
    }

    private static BrokerUnreachableException ClosedDuringTls(BrokerAddress broker, Exception ex) =>
        new(broker, $"port {broker.Port} of {broker.Host} closed the connection during the TLS handshake", $"if it is a plain MQTT port, use mqtt://{broker.Host}:{broker.Port}", ex);

    private static T? Find<T>(Exception ex)
        where T : Exception
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string FirstLine(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner.Message.Split('\n')[0].Trim().TrimEnd('.');
    }
}
