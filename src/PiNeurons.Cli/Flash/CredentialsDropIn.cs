using System.Text;

namespace PiNeurons.Cli.Flash;

/// <summary>The text of <see cref="NodeCredentials.DropInPath"/>: one <c>LoadCredential=</c> per secret file and the
/// node's <c>Environment=</c>. Pure: credentials in, text out.</summary>
internal static class CredentialsDropIn
{
    public static string Generate(NodeCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var d = new StringBuilder();
        d.Append("# Written by `pineurons flash`: how this node logs in to the broker (see pineurons-node.service).\n");
        d.Append("# systemd (as root) copies each file of ").Append(NodeCredentials.Folder).Append(" (root:root 0600) into\n");
        d.Append("# the service's own credentials directory, /run/credentials/pineurons-node.service, which the\n");
        d.Append("# Environment= lines name through the %d specifier; the node's user reads only those copies.\n");
        d.Append("[Service]\n");
        foreach (var file in credentials.Files)
        {
            d.Append("LoadCredential=").Append(file.Name).Append(':').Append(NodeCredentials.PathOf(file.Name)).Append('\n');
        }

        foreach (var (name, value) in credentials.Environment)
        {
            d.Append("Environment=").Append(name).Append('=').Append(value).Append('\n');
        }

        return d.ToString();
    }
}
