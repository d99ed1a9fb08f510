using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PiNeurons.Testing;

/// <summary>
/// Throwaway certificates written as PEM files for a test's Mosquitto TLS listener: a CA, and certificates
/// it (or a foreign CA) signs for chosen names and validity.
/// </summary>
public sealed class TestCertificates
{
    private readonly string _dir;

    private TestCertificates(string dir, X509Certificate2 ca)
    {
        _dir = dir;
        Ca = ca;
    }

    /// <summary>The CA (with its private key).</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The CA's PEM file.</summary>
    public string CaFile => Path.Combine(_dir, "ca.crt");

    /// <summary>A new CA named <paramref name="name"/>, written to <paramref name="dir"/>/ca.crt.</summary>
    public static TestCertificates CreateCa(string dir, string name = "PiNeurons test CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-5), DateTimeOffset.UtcNow.AddYears(5));
        File.WriteAllText(Path.Combine(dir, "ca.crt"), ca.ExportCertificatePem());
        return new TestCertificates(dir, ca);
    }

    /// <summary>Issues a certificate for <paramref name="names"/> (DNS names or IP addresses), writes
    /// <paramref name="file"/>.crt and .key, and returns both paths.</summary>
    public (string Certificate, string Key) Issue(string file, string[] names, bool server = true, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        using var issued = request.Create(Ca, notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddYears(1), RandomNumberGenerator.GetBytes(16));
        var certificate = Path.Combine(_dir, file + ".crt");
        var privateKey = Path.Combine(_dir, file + ".key");
        File.WriteAllText(certificate, issued.ExportCertificatePem());
        File.WriteAllText(privateKey, key.ExportPkcs8PrivateKeyPem());
        return (certificate, privateKey);
    }

    /// <summary>Mosquitto lines for a TLS listener on <paramref name="port"/> with this CA and the given server files.</summary>
    public string[] Listener(int port, (string Certificate, string Key) server, bool requireCertificate = false) =>
    [
        // Mosquitto 2.0 reads the key after dropping root; staying the test's user keeps it readable.
        $"user {Environment.UserName}",
        $"listener {port} 127.0.0.1",
        $"cafile {CaFile}",
        $"certfile {server.Certificate}",
        $"keyfile {server.Key}",
        "tls_version tlsv1.2",
        $"require_certificate {(requireCertificate ? "true" : "false")}",
        .. requireCertificate ? new[] { "use_identity_as_username true" } : [],
    ];
}
