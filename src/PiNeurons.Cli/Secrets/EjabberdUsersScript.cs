using System.Globalization;
using System.Text;

namespace PiNeurons.Cli.Secrets;

/// <summary>
/// The script that makes every MQTT login on an ejabberd cluster: <c>ejabberdctl register</c> for a user it does not
/// know yet, <c>change_password</c> for one it does, so it can run again after each <c>pineurons secrets --force</c>. Run
/// once on one node: the users live in Mnesia, which every joined node shares. A script of ejabberdctl commands, rather
/// than a database file, because it works the same on Debian's package and in the ejabberd/ecs image, and ejabberd keeps
/// the passwords as salted SCRAM hashes (deploy/ejabberd/ejabberd.yml's <c>auth_password_format: scram</c>).
/// It never removes a user: the vhost may hold others (XMPP accounts); it names the ones that are no login of this
/// cluster, which may log in but may do nothing (every topic has a rule), with the command that removes each.
/// </summary>
internal static class EjabberdUsersScript
{
    public const string FileName = "ejabberd-users.sh";

    /// <summary>The vhost when EJABBERD_HOST is not set: the first (and only) host of deploy/ejabberd/ejabberd.yml.</summary>
    public const string DefaultHost = "localhost";

    /// <summary>The script for <paramref name="logins"/>; user names in lower case, as ejabberd stores them.</summary>
    public static string Build(IEnumerable<MqttCredential> logins)
    {
        var list = logins.ToList();
        var text = new StringBuilder()
            .Append("#!/bin/sh\n")
            .Append("# Every MQTT login of the cluster for ejabberd: made by `pineurons secrets --broker-kind ejabberd` (docs/security.md).\n")
            .Append("# Run it on ONE node of the running cluster, as root or as the ejabberd user: the users live in Mnesia, which every\n")
            .Append("# joined node shares. It registers each login, or sets its password again, so it runs again after `pineurons secrets\n")
            .Append("# --force`. It holds every password: keep it 0600 (ejabberdctl shows each on its command line while it runs).\n")
            .Append("#   EJABBERDCTL    the ejabberdctl command, split on spaces (default: ejabberdctl; the ejabberd/ecs image: bin/ejabberdctl)\n")
            .Append(CultureInfo.InvariantCulture, $"#   EJABBERD_HOST  the vhost, the first of ejabberd.yml's hosts, which a user name without @ belongs to (default: {DefaultHost})\n")
            .Append("set -eu\n")
            .Append("ctl=${EJABBERDCTL:-ejabberdctl}\n")
            .Append(CultureInfo.InvariantCulture, $"host=${{EJABBERD_HOST:-{DefaultHost}}}\n")
            .Append("registered=$($ctl registered_users \"$host\")\n")
            .Append("login() {\n")
            .Append("  if printf '%s\\n' \"$registered\" | grep -qxF \"$1\"; then\n")
            .Append("    $ctl change_password \"$1\" \"$host\" \"$2\" >/dev/null\n")
            .Append("    echo \"ejabberd-users: $1@$host: password set\"\n")
            .Append("  else\n")
            .Append("    $ctl register \"$1\" \"$host\" \"$2\" >/dev/null\n")
            .Append("    echo \"ejabberd-users: $1@$host: registered\"\n")
            .Append("  fi\n")
            .Append("}\n");
        foreach (var login in list)
        {
            // Passwords are base64url and user names ids (A-Z a-z 0-9 _ -): nothing a single-quoted word must escape.
            text.Append(CultureInfo.InvariantCulture, $"login {login.User.ToLowerInvariant()} '{login.Password}'\n");
        }

        text.Append("for user in $registered; do\n")
            .Append(CultureInfo.InvariantCulture, $"  case \" {string.Join(' ', list.Select(l => l.User.ToLowerInvariant()))} \" in\n")
            .Append("    *\" $user \"*) ;;\n")
            .Append("    *) echo \"ejabberd-users: $user@$host is no login of this cluster: it may log in and do nothing; remove it with: $ctl unregister $user $host\" ;;\n")
            .Append("  esac\n")
            .Append("done\n");
        return text.ToString();
    }
}
