namespace PiNeurons.Cli.Infrastructure;

/// <summary>How the nodes a command prepares will log in to the broker.</summary>
internal enum NodeLoginKind
{
    /// <summary>Not known yet: the logins are installed later (Ansible's variables for <c>inventory</c>).</summary>
    Unknown,

    /// <summary>No login at all.</summary>
    Anonymous,

    /// <summary>A password (one per host or one per neuron).</summary>
    Password,

    /// <summary>A client certificate per neuron (<c>pineurons secrets --auth certificate</c>).</summary>
    Certificate,
}

/// <summary>What a command is about to give the nodes for their broker connection.</summary>
/// <param name="Kind">How they log in.</param>
/// <param name="CaInstalled">True when they get the cluster CA to verify an <c>mqtts://</c> broker with.</param>
/// <param name="Insecure">True when they may send a password over plain <c>mqtt://</c> (<c>--insecure</c>).</param>
internal sealed record NodeLogin(NodeLoginKind Kind, bool CaInstalled, bool Insecure = false);
