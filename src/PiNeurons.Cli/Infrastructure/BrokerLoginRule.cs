using PiNeurons.Cli.Flash;
using PiNeurons.Core.Manifest;
using PiNeurons.Mqtt;
using PiNeurons.Mqtt.Tls;
using PiNeurons.Node.Hosting;

namespace PiNeurons.Cli.Infrastructure;

/// <summary>
/// Whether the manifest's broker can work with the logins <c>flash</c>, <c>secrets</c> or <c>inventory</c> is preparing,
/// said on the laptop instead of by a Pi that never comes online. The shipped broker (firmware-config/mosquitto.conf,
/// the Swarm stack) answers on the network only with TLS: passwords on 8883, client certificates on 8884; it refuses
/// anonymous clients. What to do with a problem is the command's: <c>flash</c> refuses (exit 2) the ones marked
/// <see cref="BrokerProblem.NodeRefuses"/> and warns about the rest; <c>secrets</c> and <c>inventory</c>, which install
/// nothing on a Pi and whose output stays right once the manifest is fixed, warn about all of them.
/// </summary>
internal static class BrokerLoginRule
{
    /// <summary>The shipped broker's password listener.</summary>
    public const int PasswordListenerPort = BrokerAddress.DefaultTlsPort;

    /// <summary>The broker the manifest's nodes connect to: its <c>broker:</c>, else the node's default.</summary>
    /// <exception cref="FormatException">Never for a parsed manifest, whose parser checked the URL.</exception>
    public static BrokerList NodesBroker(ClusterManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return BrokerList.Parse(manifest.Broker ?? NodePlanner.DefaultBroker);
    }

    /// <summary>Writes each problem as a warning of <paramref name="command"/> on <paramref name="error"/>.</summary>
    public static async Task WarnAsync(TextWriter error, string command, IEnumerable<BrokerProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(error);
        foreach (var problem in problems ?? [])
        {
            await error.WriteLineAsync($"{command}: warning: {problem.Message}");
        }
    }

    /// <summary>Every problem of <paramref name="login"/> against each of <paramref name="brokers"/>; empty when none.</summary>
    public static IReadOnlyList<BrokerProblem> Check(BrokerList brokers, NodeLogin login)
    {
        ArgumentNullException.ThrowIfNull(brokers);
        ArgumentNullException.ThrowIfNull(login);
        return [.. brokers.SelectMany(b => CheckOne(b, login)).Distinct()];
    }

    private static List<BrokerProblem> CheckOne(BrokerAddress broker, NodeLogin login)
    {
        var problems = new List<BrokerProblem>();
        var local = CleartextPassword.IsLoopback(broker.Host);
        var tlsListener = $"mqtts://{broker.Host}:{PasswordListenerPort}";

        // Refused: the node would refuse these settings at start (exit 2 on the Pi), or they cannot be expressed at all.
        var cleartext = CleartextPassword.Refusal(broker, login.Kind == NodeLoginKind.Password, login.Insecure);
        if (cleartext is not null)
        {
            problems.Add(new(true, $"the node would be {cleartext} (the manifest's broker)"));
        }

        if (login.Kind == NodeLoginKind.Certificate && !broker.UseTls)
        {
            problems.Add(new(true, $"client certificates go over TLS only, and the manifest's broker is {broker}: make it {tlsListener} "
                + $"(the node then uses the certificate listener, port {SecretsFolder.CertificateListenerPort})"));
        }

        if (login.CaInstalled && !broker.UseTls)
        {
            problems.Add(new(true, $"--ca-file: the manifest's broker {broker} is plain MQTT; make it {tlsListener} to use the CA"));
        }

        // Warned: these work with some broker, just not with the shipped one; the tools cannot tell which one it is.
        if (!broker.UseTls && !local && cleartext is null && login.Kind != NodeLoginKind.Certificate)
        {
            problems.Add(new(false, $"the manifest's broker {broker} is plain MQTT, which the shipped broker does not offer on the network "
                + $"(its Swarm stack publishes only 8883, TLS with passwords, and {SecretsFolder.CertificateListenerPort}, TLS with client certificates): "
                + $"make it {tlsListener}, or keep it for a broker of your own"));
        }

        if (broker.UseTls && broker.Port == BrokerAddress.DefaultPort)
        {
            problems.Add(new(false, $"the manifest's broker {broker} speaks TLS to port {broker.Port}, where MQTT is plain: make it {tlsListener}"));
        }
        else if (!broker.UseTls && broker.Port is PasswordListenerPort or SecretsFolder.CertificateListenerPort)
        {
            problems.Add(new(false, $"the manifest's broker {broker} speaks plain MQTT to port {broker.Port}, a TLS listener on the shipped broker: "
                + $"make it mqtts://{broker.Host}:{broker.Port}"));
        }

        if (broker.UseTls && !login.CaInstalled)
        {
            problems.Add(new(false, $"the manifest's broker {broker} is TLS and the node gets no CA to check it with, so it trusts only the Pi's "
                + "system CAs, which did not sign the shipped broker's certificate (pineurons secrets' CA did): give --secrets DIR or --ca-file DIR/ca.crt"));
        }

        if (login.Kind == NodeLoginKind.Anonymous && !local)
        {
            problems.Add(new(false, $"the node logs in to {broker} as nobody, and the shipped broker refuses anonymous clients: give --secrets DIR "
                + "(made by pineurons secrets), or keep it for a broker of your own that takes them"));
        }

        if (login.Kind == NodeLoginKind.Password && broker.UseTls && broker.Port == SecretsFolder.CertificateListenerPort)
        {
            problems.Add(new(false, $"port {broker.Port} is the shipped broker's certificate listener, which asks for a client certificate, "
                + $"not a password: password logins go to {tlsListener}"));
        }

        return problems;
    }
}

/// <summary>One way the manifest's broker and the nodes' logins do not fit.</summary>
/// <param name="NodeRefuses">True when the node would refuse the settings at start, or they cannot work with any broker.</param>
/// <param name="Message">What is wrong and the fix.</param>
internal sealed record BrokerProblem(bool NodeRefuses, string Message);
