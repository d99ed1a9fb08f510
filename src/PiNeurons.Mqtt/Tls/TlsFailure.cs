using System.Security.Authentication;

namespace PiNeurons.Mqtt.Tls;

/// <summary>Says why a connection failed in TLS, with the certificate check's reason when it refused the broker.</summary>
internal static class TlsFailure
{
    /// <summary>The TLS reason of <paramref name="ex"/>, or null when it is not a TLS failure.</summary>
    public static string? Find(Exception ex, BrokerCertificateCheck? check)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException)
            {
                return check?.LastRefusal is { } reason ? $"TLS: {reason}" : $"TLS: {e.Message}";
            }
        }

        return null;
    }
}
