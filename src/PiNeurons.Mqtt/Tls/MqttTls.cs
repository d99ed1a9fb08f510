using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PiNeurons.Mqtt.Tls;

/// <summary>
/// What an <c>mqtts://</c> client trusts and presents. With <see cref="CaCertificate"/> the broker's
/// certificate must chain to that CA and name the host connected to: the cluster's private CA is pinned
/// and the operating system's trust store plays no part (a public CA could not vouch for a Pi on a home network).
/// </summary>
public sealed class MqttTls
{
    /// <summary>The cluster CA the broker's certificate must chain to; null: the OS trust store decides.</summary>
    public X509Certificate2? CaCertificate { get; init; }

    /// <summary>The client certificate (with its private key) to present, or null for none.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    // The switches that name these files; the node, the aggregator and the CLI all use these.
    private const string CaOption = "--ca-file";
    private const string CertOption = "--cert-file";
    private const string KeyOption = "--key-file";

    /// <summary>Loads PEM files; each argument may be null.</summary>
    /// <exception cref="MqttTlsFileException">A file is missing or not what it should be; the message names it.</exception>
    public static MqttTls Load(string? caFile, string? certFile, string? keyFile)
    {
        if ((certFile is null) != (keyFile is null))
        {
            throw new MqttTlsFileException(certFile ?? keyFile!, certFile is null ? KeyOption : CertOption, "a client certificate needs both its certificate file and its key file");
        }

        return new MqttTls
        {
            CaCertificate = caFile is null ? null : Read(caFile, CaOption, () => X509CertificateLoader.LoadCertificateFromFile(caFile), "a PEM or DER certificate (the cluster's ca.crt)"),
            ClientCertificate = certFile is null ? null : Read(certFile, CertOption, () => X509Certificate2.CreateFromPemFile(certFile, keyFile), "a PEM certificate with its PEM private key"),
        };
    }

    private static X509Certificate2 Read(string path, string option, Func<X509Certificate2> load, string expected)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new MqttTlsFileException(path, option, $"cannot read it as {expected}: {ex.Message}");
        }
    }
}
