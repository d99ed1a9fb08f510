namespace PiNeurons.Cli.Secrets;

/// <summary>How the neurons log in to the broker (<c>pineurons secrets --auth</c>); the aggregator and the operators always use passwords.</summary>
internal enum NeuronAuth
{
    /// <summary>A password per neuron in <c>passwords/&lt;id&gt;</c> and its hash in the dynamic-security file; the broker's 8883 listener.</summary>
    Password,

    /// <summary>A client certificate per neuron in <c>clients/&lt;id&gt;.crt</c> and <c>.key</c>, CN = the neuron id;
    /// the broker's 8884 listener takes the CN as the user name (use_identity_as_username), and the dynamic-security file's
    /// client of that name, with no password, gives it its role.</summary>
    Certificate,
}
