using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace PiNeurons.Mqtt.Tls;

/// <summary>
/// Checks the broker's certificate against the pinned cluster CA, and keeps why it refused the last one:
/// TLS reports a refusal only as "rejected by the validation callback", which tells an operator nothing.
/// A certificate "not yet valid" or "expired" names this machine's clock, since a Pi without a real-time
/// clock boots in the past until NTP has set it.
/// </summary>
public sealed class BrokerCertificateCheck(X509Certificate2 ca, TimeProvider time)
{
    private string? _lastRefusal;

    /// <summary>Why the last certificate was refused, or null when the last one was accepted.</summary>
    public string? LastRefusal => Volatile.Read(ref _lastRefusal);

    /// <summary>True when <paramref name="certificate"/> names the host and chains to the CA at this machine's time.</summary>
    public bool Accepts(X509Certificate? certificate, SslPolicyErrors errors, string host)
    {
        var refusal = Refusal(certificate, errors, host);
        Volatile.Write(ref _lastRefusal, refusal);
        return refusal is null;
    }

    private string? Refusal(X509Certificate? presented, SslPolicyErrors errors, string host)
    {
        if (presented is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return "the broker sent no certificate";
        }

        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return $"the broker's certificate ({certificate.Subject}) is not issued for '{host}': connect by a name or address it lists, or reissue it (pineurons secrets --broker-host)";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        // A private CA publishes no revocation list; the cluster revokes by reissuing its CA.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var now = time.GetUtcNow();
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (chain.Build(certificate))
        {
            return null;
        }

        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        if ((flags & X509ChainStatusFlags.NotTimeValid) != 0)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the broker's certificate is valid from {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC, and this machine's clock says {now:yyyy-MM-dd HH:mm} UTC: if the clock is wrong (a Pi without a real-time clock before NTP has set it), the connection succeeds once it is set; otherwise renew the certificate");
        }

        if ((flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0)
        {
            return $"the broker's certificate ({certificate.Subject}, issued by {certificate.Issuer}) is not signed by the cluster CA ({ca.Subject}) given with --ca-file";
        }

        return "the broker's certificate was refused: " + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
    }
}
