namespace PiNeurons.Cli.Flash;

/// <summary>A neuron's client certificate (<c>pineurons secrets --auth certificate</c>): installed as the credentials
/// <c>&lt;id&gt;.crt</c> and <c>&lt;id&gt;.key</c>, which the node reads through <c>--cert-dir %d</c>.</summary>
/// <param name="NeuronId">The neuron, which is the certificate's CN and so its MQTT user name.</param>
/// <param name="CertificatePem">The certificate (PEM).</param>
/// <param name="KeyPem">Its private key (PEM).</param>
internal sealed record NeuronCertificate(string NeuronId, string CertificatePem, string KeyPem)
{
    /// <summary>Never print the key, not even in a debugger or a failed assertion.</summary>
    public override string ToString() => $"NeuronCertificate {{ NeuronId = {NeuronId} }}";
}
