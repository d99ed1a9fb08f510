namespace PiNeurons.Testing;

/// <summary>How a test's own ejabberd cluster (<see cref="EjabberdCluster"/>) is made.</summary>
public sealed class EjabberdClusterOptions
{
    /// <summary>How many nodes: node 1 first, every other one joined to it.</summary>
    public int Nodes { get; init; } = 2;

    /// <summary>Who may log in, and what they may do.</summary>
    public EjabberdAuth Auth { get; init; } = EjabberdAuth.Anonymous;

    /// <summary>
    /// A deployment's ejabberd.yml (deploy/ejabberd/ejabberd.yml) to run instead of the fixture's own, as it is but for
    /// its machine's values: <c>/etc/ejabberd/pineurons/</c> becomes the node's folder (with copies of the generated
    /// files), its listener's <c>port: 8883</c> a free port and <c>ip: "::"</c> 127.0.0.1. Needs
    /// <see cref="EjabberdAuth.FromSecrets"/>; the node then has its TLS listener only (<see cref="EjabberdNode.TlsBroker"/>).
    /// </summary>
    public string? ConfigFile { get; init; }

    /// <summary>mod_mqtt's <c>session_expiry</c>: the longest a persistent session outlives its connection (it caps
    /// the session expiry a client asks for).</summary>
    public int SessionExpirySeconds { get; init; } = 300;

    /// <summary>How long the whole start may take: every node up, joined and (with generated secrets) its users made.
    /// Each ejabberdctl call boots an Erlang VM, a second or two on a busy 2-core machine.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(3);
}
