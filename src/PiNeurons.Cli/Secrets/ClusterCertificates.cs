using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PiNeurons.Cli.Secrets;

/// <summary>A certificate with its private key, both as PEM text ready for a file.</summary>
/// <param name="Certificate">The certificate (with the private key attached, for signing and TLS servers).</param>
/// <param name="CertificatePem">The certificate as PEM.</param>
/// <param name="KeyPem">The private key as PKCS#8 PEM (what OpenSSL, thus Mosquitto, reads).</param>
internal sealed record PemPair(X509Certificate2 Certificate, string CertificatePem, string KeyPem);

/// <summary>
/// The cluster's private CA and the broker's server certificate, made with System.Security.Cryptography
/// only. ECDSA P-256: small certificates, fast handshakes on a Pi, and supported by every TLS stack the
/// cluster uses (OpenSSL under Mosquitto and .NET). Validity starts an hour back, so a client whose clock
/// is slightly behind does not see a certificate from the future.
/// </summary>
internal static class ClusterCertificates
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromHours(1);

    /// <summary>A self-signed CA valid from <paramref name="now"/> for <paramref name="years"/> years, allowed to sign end certificates only.</summary>
    public static PemPair CreateAuthority(DateTimeOffset now, int years = 10, string name = "PiNeurons cluster CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var certificate = request.CreateSelfSigned(now - ClockSkew, now.AddYears(years));
        return new PemPair(certificate, certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Reads an existing CA from PEM files; a usage error when it is not a CA or the key does not match.</summary>
    public static PemPair LoadAuthority(string certificatePath, string keyPath)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new Commands.CliUsageException($"--ca-cert {certificatePath} / --ca-key {keyPath}: cannot read the CA: {ex.Message}");
        }

        if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
        {
            certificate.Dispose();
            throw new Commands.CliUsageException($"--ca-cert {certificatePath}: not a CA certificate (no basic constraints CA:TRUE)");
        }

        return new PemPair(certificate, File.ReadAllText(certificatePath), File.ReadAllText(keyPath));
    }

    /// <summary>
    /// The broker's TLS server certificate, signed by <paramref name="authority"/>, for <paramref name="names"/>
    /// (DNS names, or IP addresses when they parse as one); the first name is its common name.
    /// </summary>
    public static PemPair IssueServer(PemPair authority, IReadOnlyList<string> names, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(names);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = LeafRequest(authority, names[0], key, new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication"));
        var alternative = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                alternative.AddIpAddress(address);
            }
            else
            {
                alternative.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(alternative.Build());
        using var signed = request.Create(authority.Certificate, notBefore, notAfter, NewSerial());
        var certificate = signed.CopyWithPrivateKey(key);
        return new PemPair(certificate, certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>
    /// A neuron's client certificate for Mosquitto's <c>use_identity_as_username</c>: CN = <paramref name="neuronId"/>
    /// (the broker's user name for it, thus its ACL section), extended key usage clientAuth only, signed by
    /// <paramref name="authority"/>. <paramref name="key"/> is the neuron's existing key (kept by --force), or null for a new one.
    /// </summary>
    public static PemPair IssueClient(PemPair authority, string neuronId, ECDsa? key, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(authority);
        using var fresh = key is null ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : null;
        var signer = key ?? fresh!;
        // Neuron ids are A-Z a-z 0-9 _ - (docs/protocol.md): nothing in a distinguished name needs escaping.
        var request = LeafRequest(authority, neuronId, signer, new Oid("1.3.6.1.5.5.7.3.2", "Client Authentication"));
        using var signed = request.Create(authority.Certificate, notBefore, notAfter, NewSerial());
        var certificate = signed.CopyWithPrivateKey(signer);
        return new PemPair(certificate, certificate.ExportCertificatePem(), signer.ExportPkcs8PrivateKeyPem());
    }

    // An end-entity certificate of the cluster CA for one purpose (server or client authentication), never a CA itself.
    private static CertificateRequest LeafRequest(PemPair authority, string commonName, ECDsa key, Oid purpose)
    {
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([purpose], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority.Certificate, true, false));
        return request;
    }

    // RFC 5280: a positive serial of at most 20 bytes, unpredictable so two certificates never share one.
    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }
}
