using PiNeurons.Testing;

namespace PiNeurons.Cluster.Tests;

/// <summary>
/// The login every client of a test cluster uses (anonymous logins: any user name, any non-empty password; mod_mqtt
/// refuses a CONNECT without one), and the broker arguments of nodes and aggregators: the cluster's nodes in the order
/// that client tries them.
/// </summary>
internal sealed class ClusterLogin : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pineurons-cluster-login-").FullName;

    public ClusterLogin()
    {
        PasswordFile = Path.Combine(_directory, "password");
        File.WriteAllText(PasswordFile, "any\n");
    }

    public string PasswordFile { get; }

    /// <summary><c>--broker first,then...</c> and the login, for a node or an aggregator.</summary>
    public string[] On(params EjabberdNode[] nodes) =>
        ["--broker", string.Join(",", nodes.Select(n => n.Broker.ToString())), "--username", "pineurons", "--password-file", PasswordFile];

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
