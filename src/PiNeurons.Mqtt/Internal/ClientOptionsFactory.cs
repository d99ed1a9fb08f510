using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using PiNeurons.Mqtt.Tls;

namespace PiNeurons.Mqtt.Internal;

/// <summary>Builds MQTTnet client options: MQTT 5, TCP NoDelay, credentials and the will.</summary>
internal static class ClientOptionsFactory
{
    public static MqttClientOptions Create(MqttConnectionOptions options, BrokerAddress broker, TimeSpan timeout, BrokerCertificateCheck? check)
    {
        var builder = NewBuilder(broker, options.ClientId, timeout, options.Tls, check)
            .WithKeepAlivePeriod(options.KeepAlive)
            .WithCleanStart(options.CleanStart)
            .WithSessionExpiryInterval(options.SessionExpirySeconds);
        if (options.UserName is not null)
        {
            builder.WithCredentials(options.UserName, options.Password);
        }

        if (options.Will is { } will)
        {
            builder.WithWillTopic(will.Topic)
                .WithWillPayload(will.Payload)
                .WithWillRetain(will.Retain)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        }

        return Build(builder);
    }

    /// <summary>Builds and turns Nagle off explicitly (MQTTnet's default today, but a hop is latency-bound).</summary>
    public static MqttClientOptions Build(MqttClientOptionsBuilder builder)
    {
        var built = builder.Build();
        if (built.ChannelOptions is MqttClientTcpOptions tcp)
        {
            // A kick is a few bytes; Nagle would hold it back waiting for more.
            tcp.NoDelay = true;
        }

        return built;
    }

    /// <summary>The check of the broker's certificate for <paramref name="tls"/>, when it pins a CA.</summary>
    public static BrokerCertificateCheck? CheckFor(MqttTls? tls, TimeProvider time) =>
        tls?.CaCertificate is { } ca ? new BrokerCertificateCheck(ca, time) : null;

    /// <summary>The common part: endpoint, client id, MQTT 5, NoDelay, connect timeout, TLS.</summary>
    public static MqttClientOptionsBuilder NewBuilder(BrokerAddress broker, string clientId, TimeSpan timeout, MqttTls? tls, BrokerCertificateCheck? check)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(timeout);
        if (broker.UseTls)
        {
            builder.WithTlsOptions(o =>
            {
                o.UseTls().WithTargetHost(broker.Host);
                if (check is not null)
                {
                    o.WithCertificateValidationHandler(e => check.Accepts(e.Certificate, e.SslPolicyErrors, broker.Host));
                }

                if (tls?.ClientCertificate is { } certificate)
                {
                    o.WithClientCertificates([certificate]);
                }
            });
        }

        return builder;
    }
}
