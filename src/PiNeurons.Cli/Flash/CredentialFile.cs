namespace PiNeurons.Cli.Flash;

/// <summary>One secret a node reads through systemd's <c>LoadCredential=</c>: installed as
/// /etc/pineurons/credentials/<see cref="Name"/> (root:root 0600), seen by the node as %d/<see cref="Name"/>.</summary>
/// <param name="Name">The credential's name, which is also its file name on both sides: a neuron id, <c>mqtt-password</c>
/// or <c>ca.crt</c> (never a '/' or a ':', which LoadCredential= would misread).</param>
/// <param name="Content">The file's text.</param>
internal sealed record CredentialFile(string Name, string Content)
{
    /// <summary>Never print the content, not even in a debugger or a failed assertion.</summary>
    public override string ToString() => $"CredentialFile {{ Name = {Name} }}";
}
