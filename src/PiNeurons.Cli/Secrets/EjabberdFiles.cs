using PiNeurons.Cli.Commands;
using PiNeurons.Core.Manifest;

namespace PiNeurons.Cli.Secrets;

/// <summary>
/// What an ejabberd cluster needs of <c>pineurons secrets</c> besides the certificates and passwords every broker gets:
/// the topic rules (<see cref="EjabberdAccessFile"/>, the same roles as Mosquitto's, each with the users who have it), the
/// script that registers the logins (<see cref="EjabberdUsersScript"/>), and the nodes' shared Erlang cookie
/// (<see cref="ErlangCookie"/>, kept like the passwords).
/// </summary>
internal static class EjabberdFiles
{
    /// <summary>The files written anew on each run.</summary>
    public static IReadOnlyList<string> Names { get; } = [EjabberdAccessFile.FileName, EjabberdUsersScript.FileName];

    /// <summary>The cookie: made once, kept by --force.</summary>
    public static (string Name, Func<string> Make, string What) Cookie { get; } =
        (ErlangCookie.FileName, ErlangCookie.New, "the Erlang cookie every ejabberd node of the cluster shares: whoever has it and reaches a node's "
            + "distribution ports controls the cluster (Swarm secret ejabberd_cookie; Debian: /var/lib/ejabberd/.erlang.cookie)");

    /// <summary>The rules and the users script for <paramref name="manifest"/>'s logins.</summary>
    public static IEnumerable<(string Name, string Text, UnixFileMode Mode, string What)> Build(
        ClusterManifest manifest, string root, IReadOnlyList<string> operators, IReadOnlyList<MqttCredential> logins)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        IEnumerable<(BrokerRole, IReadOnlyList<string>)> roles =
        [
            (BrokerRoles.Operator(manifest, root), operators),
            (BrokerRoles.Aggregator(root), [ClusterManifest.AggregatorUser]),
            .. manifest.Neurons.Select(n => (BrokerRoles.Neuron(manifest, root, n), (IReadOnlyList<string>)[n.Id])),
        ];
        return
        [
            (EjabberdAccessFile.FileName, EjabberdAccessFile.Build(roles), SecretFile.Public,
                "ejabberd's topic rules: an ACL per role and mod_mqtt's access_publish and access_subscribe, for include_config_file "
                + "(no secret in it; Swarm secret ejabberd_access)"),
            (EjabberdUsersScript.FileName, EjabberdUsersScript.Build(logins), SecretFile.Private,
                "registers every login (and its password) on the running ejabberd cluster: sh it once on one node"),
        ];
    }

    /// <summary>ejabberd compares user names ignoring case (nodeprep): H1 and h1 would be one login with two passwords.</summary>
    /// <exception cref="CliUsageException">Two of <paramref name="users"/> differ in case only.</exception>
    public static void RequireDistinctUsers(IEnumerable<string> users)
    {
        if (users.GroupBy(u => u, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new CliUsageException($"--broker-kind ejabberd: {string.Join(" and ", clash.Select(u => $"'{u}'"))} would be one login: ejabberd "
                + "compares user names ignoring case; rename one in the manifest");
        }
    }
}
