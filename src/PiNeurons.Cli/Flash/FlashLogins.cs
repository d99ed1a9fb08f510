using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PiNeurons.Cli.Commands;
using PiNeurons.Cli.Infrastructure;
using PiNeurons.Core.Manifest;

namespace PiNeurons.Cli.Flash;

/// <summary>
/// How the flashed nodes log in and which CA they pin: from <c>--secrets DIR</c> (each neuron as itself), or from
/// <c>--mqtt-username</c>/<c>--mqtt-password-file</c>/<c>--mqtt-password-dir</c> and <c>--ca-file</c> (one login per host).
/// </summary>
/// <param name="PerHost">One login per host (in the order of the hosts), all null with <c>--secrets</c> or no password.</param>
/// <param name="PerNeuron">Each host's neuron logins (in the order of the hosts), all empty without <c>--secrets</c>.</param>
/// <param name="CaPem">The cluster CA to install, or null.</param>
/// <param name="Certificates">Each host's neuron certificates (in the order of the hosts), all empty unless <c>--secrets</c>
/// holds certificates (<c>pineurons secrets --auth certificate</c>).</param>
internal sealed record FlashLogins(
    IReadOnlyList<NodeMqttLogin?> PerHost,
    IReadOnlyList<IReadOnlyList<NodeMqttLogin>> PerNeuron,
    string? CaPem,
    IReadOnlyList<IReadOnlyList<NeuronCertificate>> Certificates)
{
    /// <summary>How the node of host <paramref name="host"/> (its index) logs in.</summary>
    public NodeLoginKind KindOf(int host) =>
        Certificates[host].Count > 0 ? NodeLoginKind.Certificate
        : PerHost[host] is not null || PerNeuron[host].Count > 0 ? NodeLoginKind.Password
        : NodeLoginKind.Anonymous;

    /// <summary>Reads the logins; <paramref name="brokerUsesTls"/> says whether the manifest's broker is <c>mqtts://</c>.</summary>
    public static FlashLogins Read(ParseResult parse, FlashOptions o, IReadOnlyList<HostEntry> hosts, bool all, bool brokerUsesTls)
    {
        if (parse.GetValue(o.Secrets) is not { } secrets)
        {
            var perHost = MqttPassword.Read(hosts, parse.GetValue(o.MqttUsername), parse.GetValue(o.MqttPasswordFile), parse.GetValue(o.MqttPasswordDir), all);
            return new FlashLogins(perHost, [.. hosts.Select(_ => (IReadOnlyList<NodeMqttLogin>)[])], ReadCa(parse.GetValue(o.CaFile), "--ca-file"),
                [.. hosts.Select(_ => (IReadOnlyList<NeuronCertificate>)[])]);
        }

        string?[] replaced = [parse.GetValue(o.MqttUsername), parse.GetValue(o.MqttPasswordFile), parse.GetValue(o.MqttPasswordDir), parse.GetValue(o.CaFile)];
        var given = SecretsFolder.Replaces.Where((_, i) => replaced[i] is not null).ToList();
        if (given.Count > 0)
        {
            throw new CliUsageException($"{SecretsFolder.Option} gives every neuron's login and the CA itself: leave out "
                + $"{string.Join(", ", SecretsFolder.Replaces)} (given: {string.Join(", ", given)})");
        }

        var logins = SecretsFolder.Read(secrets, hosts);
        // The node refuses --ca-file with a plain mqtt:// broker (exit 2 on the Pi): install the CA only where it is used.
        var ca = brokerUsesTls ? ReadCa(SecretsFolder.CaFile(secrets), SecretsFolder.Option) : null;
        return new FlashLogins([.. hosts.Select(_ => (NodeMqttLogin?)null)], logins.Passwords, ca, logins.Certificates);
    }

    // The node reads the CA at every start; a file that is not a certificate would fail there, on the Pi.
    private static string? ReadCa(string? path, string option)
    {
        if (path is null)
        {
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{option}: cannot read {path}: {ex.Message}");
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPem(text);
            return certificate.ExportCertificatePem() + "\n";
        }
        catch (CryptographicException ex)
        {
            throw new CliUsageException($"{option}: {path} is not a PEM certificate ({ex.Message}); give the ca.crt that pineurons secrets wrote");
        }
    }
}
