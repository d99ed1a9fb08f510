using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PiNeurons.Mqtt;

/// <summary>Where the MQTT broker listens: <c>mqtt://host:port</c>, <c>mqtts://host:port</c> or a bare <c>host[:port]</c>.</summary>
/// <param name="Scheme"><c>mqtt</c> or <c>mqtts</c> (<c>tcp://</c> is read as <c>mqtt</c>).</param>
/// <param name="Host">Host name or IP address; an IPv6 address is kept without brackets.</param>
/// <param name="Port">TCP port, 1 to 65535.</param>
/// <param name="UseTls">True for <c>mqtts</c>.</param>
public sealed record BrokerAddress(string Scheme, string Host, int Port, bool UseTls)
{
    /// <summary>The port a plain <c>mqtt://</c> address gets when it names none.</summary>
    public const int DefaultPort = 1883;

    /// <summary>The port an <c>mqtts://</c> address gets when it names none.</summary>
    public const int DefaultTlsPort = 8883;

    private const string AcceptedForms =
        "expected mqtt://host[:port], mqtts://host[:port], tcp://host[:port] or host[:port] (IPv6 as [::1])";

    /// <summary>Parses a broker address; throws <see cref="FormatException"/> naming the accepted forms.</summary>
    public static BrokerAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    /// <summary>Parses a broker address without throwing; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(
        string? text, [NotNullWhen(true)] out BrokerAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        var input = text?.Trim() ?? string.Empty;
        if (input.Length == 0)
        {
            error = $"broker address is empty; {AcceptedForms}";
            return false;
        }

        var scheme = "mqtt";
        var rest = input;
        var schemeEnd = input.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            scheme = input[..schemeEnd].ToLowerInvariant();
            rest = input[(schemeEnd + 3)..].TrimEnd('/');
            if (scheme == "tcp")
            {
                scheme = "mqtt";
            }
            else if (scheme is not ("mqtt" or "mqtts"))
            {
                error = $"broker address '{input}' has unsupported scheme '{scheme}'; {AcceptedForms}";
                return false;
            }
        }

        var useTls = scheme == "mqtts";
        if (!SplitHostPort(rest, out var host, out var portText))
        {
            error = $"broker address '{input}' is not valid; {AcceptedForms}";
            return false;
        }

        var port = useTls ? DefaultTlsPort : DefaultPort;
        if (portText is not null
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            error = $"broker address '{input}' has invalid port '{portText}' (1 to 65535); {AcceptedForms}";
            return false;
        }

        address = new BrokerAddress(scheme, host, port, useTls);
        error = null;
        return true;
    }

    /// <summary>The address as a URL, e.g. <c>mqtt://127.0.0.1:1883</c> or <c>mqtt://[::1]:1883</c>.</summary>
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"{Scheme}://[{Host}]:{Port}" : $"{Scheme}://{Host}:{Port}";

    // Splits "host", "host:port", "[v6]" or "[v6]:port"; rejects paths, spaces and empty parts.
    private static bool SplitHostPort(string rest, out string host, out string? port)
    {
        host = string.Empty;
        port = null;
        if (rest.Length == 0 || rest.AsSpan().IndexOfAny(" /?#@") >= 0)
        {
            return false;
        }

        if (rest[0] == '[')
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 2)
            {
                return false;
            }

            host = rest[1..close];
            var after = rest[(close + 1)..];
            if (after.Length == 0)
            {
                return true;
            }

            if (after[0] != ':' || after.Length == 1)
            {
                return false;
            }

            port = after[1..];
            return true;
        }

        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            host = rest;
            return true;
        }

        if (rest.IndexOf(':', colon + 1) >= 0)
        {
            return false; // a bare IPv6 address is ambiguous with a port: ask for brackets
        }

        host = rest[..colon];
        port = rest[(colon + 1)..];
        return host.Length > 0 && port.Length > 0;
    }
}
