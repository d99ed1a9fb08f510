using System.Net;

namespace PiNeurons.Mqtt.Tls;

/// <summary>
/// A password never crosses the network in clear text by accident. Plain <c>mqtt://</c> with a
/// password is refused unless the broker is on this machine or the operator says the network is trusted.
/// </summary>
public static class CleartextPassword
{
    /// <summary>Why a password must not be sent to one of <paramref name="brokers"/>, or null when it may go to each.</summary>
    /// <param name="brokers">Where the password would go: one broker, or each node of a cluster in turn.</param>
    /// <param name="hasPassword">True when a password is configured.</param>
    /// <param name="insecure">True when the operator allowed clear text (<paramref name="insecureSwitch"/>).</param>
    /// <param name="insecureSwitch">How the operator allows it, for the message.</param>
    public static string? Refusal(BrokerList brokers, bool hasPassword, bool insecure, string insecureSwitch = "--insecure")
    {
        ArgumentNullException.ThrowIfNull(brokers);
        if (!hasPassword || insecure || brokers.FirstOrDefault(b => !b.UseTls && !IsLoopback(b.Host)) is not { } broker)
        {
            return null;
        }

        return $"refusing to send the MQTT password in clear text to {broker}: use mqtts:// with the cluster CA (--ca-file), or add {insecureSwitch} if the network between here and the broker is trusted";
    }

    /// <summary>True for <c>localhost</c> and loopback addresses: clear text there never leaves the machine.</summary>
    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
