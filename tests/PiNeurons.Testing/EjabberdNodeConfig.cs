using System.Globalization;
using System.Text;

namespace PiNeurons.Testing;

/// <summary>
/// The two files of one node of a test's ejabberd cluster: <c>ejabberdctl.cfg</c>, which Debian's ejabberdctl sources
/// before it starts or talks to the node, and <c>ejabberd.yml</c>. Everything stays on 127.0.0.1: MQTT, the Erlang
/// distribution and the cluster's own epmd.
/// </summary>
internal static class EjabberdNodeConfig
{
    /// <summary>The vhost every login belongs to: mod_mqtt takes a user name without <c>@</c> as one of the first host.</summary>
    public const string Host = "localhost";

    /// <param name="node">The Erlang node name, <c>name@localhost</c>.</param>
    /// <param name="cookie">The cluster's shared Erlang cookie.</param>
    /// <param name="epmdPort">The cluster's own epmd: never the machine's 4369, which other tests and services share.</param>
    /// <param name="window">The node's Erlang distribution ports. Every ejabberdctl call is an Erlang node too and takes a
    /// port of the same window while it runs, so one port is not enough (the call fails with eaddrinuse).</param>
    /// <param name="pidFile">Where ejabberd writes its OS pid.</param>
    public static string Control(string node, string cookie, int epmdPort, (int From, int To) window, string pidFile) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            # One node of a test cluster (tests/PiNeurons.Testing/EjabberdCluster.cs); sourced by ejabberdctl.
            ERLANG_NODE={{node}}
            ERL_EPMD_ADDRESS=127.0.0.1
            # Read by erl and epmd alike; exported so it reaches the node through ejabberdctl's su.
            export ERL_EPMD_PORT={{epmdPort}}
            FIREWALL_WINDOW={{window.From}}-{{window.To}}
            # The distribution on loopback, said to the VM directly: INET_DIST_INTERFACE would make ejabberdctl boot one
            # more Erlang VM on every call just to parse the address.
            ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0 -setcookie {{cookie}} -kernel inet_dist_use_interface {127,0,0,1}"
            EJABBERD_BYPASS_WARNINGS=true
            EJABBERD_PID_PATH={{pidFile}}

            """);

    /// <param name="port">The plain MQTT listener's port.</param>
    /// <param name="tlsPort">A TLS listener's port (with generated secrets), or null.</param>
    /// <param name="directory">The node's folder, holding the copies of the generated files.</param>
    /// <param name="auth">Who may log in.</param>
    /// <param name="sessionExpirySeconds">mod_mqtt's session_expiry.</param>
    public static string Server(int port, int? tlsPort, string directory, EjabberdAuth auth, int sessionExpirySeconds)
    {
        var text = new StringBuilder();
        text.Append("# One node of a test cluster (tests/PiNeurons.Testing/EjabberdCluster.cs).\n")
            .Append(CultureInfo.InvariantCulture, $"hosts: [{Host}]\n")
            .Append("loglevel: info\n");
        if (auth.SecretsDirectory is null)
        {
            // Anonymous login_anon: any user name with any non-empty password; several connections may share a name.
            text.Append("auth_method: [anonymous]\nanonymous_protocol: login_anon\nallow_multiple_connections: true\n");
        }
        else
        {
            // The logins ejabberd-users.sh registers, kept as salted SCRAM hashes in Mnesia (replicated to every node).
            text.Append("auth_method: [internal]\nauth_password_format: scram\nauth_scram_hash: sha256\n")
                .Append(CultureInfo.InvariantCulture, $"certfiles:\n  - {Path.Combine(directory, "broker.crt")}\n  - {Path.Combine(directory, "broker.key")}\n")
                .Append(CultureInfo.InvariantCulture, $"ca_file: {Path.Combine(directory, "ca.crt")}\n")
                .Append(CultureInfo.InvariantCulture, $"include_config_file: {Path.Combine(directory, EjabberdAuth.AccessFileName)}\n");
        }

        text.Append("listen:\n").Append(Listener(port, tls: false));
        if (tlsPort is { } tls)
        {
            text.Append(Listener(tls, tls: true));
        }

        text.Append("modules:\n  mod_mqtt:\n")
            .Append(CultureInfo.InvariantCulture, $"    session_expiry: {sessionExpirySeconds}\n")
            .Append("    max_queue: 5000\n    queue_type: ram\n");
        if (auth.SecretsDirectory is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"    access_publish: {EjabberdAuth.PublishMacro}\n")
                .Append(CultureInfo.InvariantCulture, $"    access_subscribe: {EjabberdAuth.SubscribeMacro}\n");
        }

        return text.ToString();
    }

    /// <summary>A deployment's ejabberd.yml with this machine's values in place of the deployment's: its folder of
    /// generated files, its listener's port and address. Each must be there, so a change of the deployment's file shows.</summary>
    public static string Deployed(string config, string directory, int tlsPort)
    {
        foreach (var (from, to) in new[]
        {
            ("/etc/ejabberd/pineurons/", directory + "/"),
            ("port: 8883\n", string.Create(CultureInfo.InvariantCulture, $"port: {tlsPort}\n")),
            ("ip: \"::\"\n", "ip: \"127.0.0.1\"\n"),
        })
        {
            if (!config.Contains(from, StringComparison.Ordinal))
            {
                throw new ArgumentException($"the deployment's ejabberd.yml has no '{from.TrimEnd()}' to replace", nameof(config));
            }

            config = config.Replace(from, to, StringComparison.Ordinal);
        }

        return config;
    }

    private static string Listener(int port, bool tls) =>
        string.Create(CultureInfo.InvariantCulture, $"  - port: {port}\n    ip: \"127.0.0.1\"\n    module: mod_mqtt\n    backlog: 1000\n")
        + (tls ? "    tls: true\n" : string.Empty);
}
