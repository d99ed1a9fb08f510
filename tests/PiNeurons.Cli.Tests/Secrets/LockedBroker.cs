using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using PiNeurons.Cli.Secrets;
using PiNeurons.Core.Protocol;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>
/// A real Mosquitto running the files <c>pineurons secrets</c> generated, with the listeners of the shipped config
/// (firmware-config/mosquitto.conf): its dynamic-security file loaded by the plugin, a TLS listener for password logins with
/// the generated broker certificate next to the plain loopback one MosquittoBroker always opens (the shipped config's
/// healthcheck listener), neither with <c>use_username_as_clientid</c>, so the plugin's client id pins decide; with
/// <see cref="StartWithCertificatesAsync"/> also the certificate listener, which keeps <c>use_username_as_clientid</c>
/// because a certificate login skips the pins.
/// </summary>
internal static class LockedBroker
{
    public static async Task<(MosquittoBroker Broker, int TlsPort)> StartAsync(string secrets, string? certificates = null)
    {
        var (broker, tlsPort, _) = await StartAsync(secrets, certificates ?? secrets, certificateListener: false);
        return (broker, tlsPort);
    }

    /// <summary>Also opens the certificate listener of firmware-config/mosquitto.conf (8884 there): a client certificate
    /// signed by the generated CA is the login, its CN the user name and the client id.</summary>
    public static Task<(MosquittoBroker Broker, int TlsPort, int CertificatePort)> StartWithCertificatesAsync(string secrets) =>
        StartAsync(secrets, secrets, certificateListener: true);

    private static async Task<(MosquittoBroker Broker, int TlsPort, int CertificatePort)> StartAsync(string secrets, string certificates, bool certificateListener)
    {
        var tlsPort = FreePort.Pick();
        var certificatePort = certificateListener ? FreePort.Pick() : 0;
        string[] tlsFiles =
        [
            $"cafile {Path.Combine(certificates, "ca.crt")}",
            $"certfile {Path.Combine(certificates, "broker.crt")}",
            $"keyfile {Path.Combine(certificates, "broker.key")}",
            "tls_version tlsv1.2",
        ];
        var broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            DynamicSecurityFile = Path.Combine(secrets, DynamicSecurityFile.FileName),
            ExtraConfig =
            [
                // Mosquitto 2.0 reads the key after dropping root for its own user; the generated key is 0600 for
                // the user who made it, as the Swarm secret is 0400 for Mosquitto's uid. So stay that user.
                $"user {Environment.UserName}",
                $"listener {tlsPort} 127.0.0.1",
                .. tlsFiles,
                "require_certificate false",
                .. certificateListener
                    ? [$"listener {certificatePort} 127.0.0.1", .. tlsFiles, "require_certificate true", "use_identity_as_username true", "use_username_as_clientid true"]
                    : Array.Empty<string>(),
            ],
        });
        await FreePort.WaitUntilListeningAsync(certificateListener ? certificatePort : tlsPort, TimeSpan.FromSeconds(10), () => broker.Log);
        return (broker, tlsPort, certificatePort);
    }

    /// <summary>The client id the node connects neuron <paramref name="id"/> with under the default root, which its login is pinned to.</summary>
    public static string NeuronClientId(string id) => new TopicScheme().ClientIdOf(id);

    /// <summary>The broker's answer to a login; a refusal surfaces as an exception, its reason code with the disconnect event.</summary>
    public static async Task<MqttClientConnectResultCode> ConnectResultAsync(
        int port, string? user, string? password, Action<MqttClientOptionsBuilder>? tls = null, string? clientId = null)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        MqttClientConnectResultCode? refusal = null;
        client.DisconnectedAsync += e =>
        {
            refusal ??= e.ConnectResult?.ResultCode;
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (user is not null)
        {
            options.WithCredentials(user, password);
        }

        if (clientId is not null)
        {
            options.WithClientId(clientId);
        }

        tls?.Invoke(options);
        try
        {
            return (await client.ConnectAsync(options.Build(), CancellationToken.None)).ResultCode;
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException)
        {
            return refusal ?? MqttClientConnectResultCode.UnspecifiedError;
        }
    }

    /// <summary>Connects as neuron <paramref name="id"/> with its generated password and the client id its login is pinned to, and subscribes.</summary>
    public static Task<MqttProbe> NeuronLoginAsync(SecretsOutput secrets, int port, string id, params string[] subscriptions) =>
        LoginAsync(secrets, port, id, subscriptions, NeuronClientId(id));

    /// <summary>Connects as <paramref name="user"/> with its generated password and subscribes.</summary>
    public static Task<MqttProbe> LoginAsync(SecretsOutput secrets, int port, string user, string[] subscriptions, string? clientId = null) =>
        MqttProbe.ConnectAsync("127.0.0.1", port, b =>
        {
            b.WithCredentials(user, secrets.Password(user));
            if (clientId is not null)
            {
                b.WithClientId(clientId);
            }
        }, subscriptions);

    /// <summary>TLS options that trust <paramref name="ca"/> only (X509Chain with a custom trust store), or the OS store when null;
    /// the chain's status flags go to <paramref name="seen"/>, so a test can say why a certificate was refused.</summary>
    public static Action<MqttClientOptionsBuilder> Tls(X509Certificate2? ca, List<X509ChainStatusFlags>? seen = null, X509Certificate2? clientCertificate = null) => b =>
        b.WithTlsOptions(o =>
        {
            o.UseTls();
            if (ca is not null)
            {
                o.WithCertificateValidationHandler(e => TrustedBy(e, ca, seen));
            }

            if (clientCertificate is not null)
            {
                o.WithClientCertificates([clientCertificate]);
            }
        });

    public static bool IsTlsFailure(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TrustedBy(MqttClientCertificateValidationEventArgs e, X509Certificate2 ca, List<X509ChainStatusFlags>? seen)
    {
        if (e.Certificate is null || (e.SslPolicyErrors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = X509CertificateLoader.LoadCertificate(e.Certificate.GetRawCertData());
        var ok = chain.Build(certificate);
        lock (seen ?? [])
        {
            seen?.AddRange(chain.ChainStatus.Select(s => s.Status));
        }

        return ok;
    }
}
