namespace PiNeurons.Cli.Flash;

/// <summary>
/// Everything a node's login needs on the Pi, as systemd credentials: the secret files (each root:root 0600 in
/// <see cref="Folder"/>, which is 0700) and the environment that points the node at systemd's private copies of
/// them through the <c>%d</c> specifier (the service's credentials directory). Written as the drop-in
/// <see cref="DropInPath"/>, never into the shipped unit: on systemd 252 (Debian 12) a missing
/// <c>LoadCredential=</c> source fails the unit, so a node for an anonymous broker must have no such line.
/// A list of files plus environment, so that another kind of secret (a client certificate) is one more entry.
/// </summary>
/// <param name="Files">The secret files, by credential name.</param>
/// <param name="Environment">The node's environment variables, values in systemd's syntax (<c>%d</c> expands).</param>
internal sealed record NodeCredentials(IReadOnlyList<CredentialFile> Files, IReadOnlyList<KeyValuePair<string, string>> Environment)
{
    /// <summary>Where the secrets live on the Pi: root:root, 0700; only systemd (as root) reads them.</summary>
    public const string Folder = "/etc/pineurons/credentials";

    /// <summary>The unit's drop-in with the <c>LoadCredential=</c> and <c>Environment=</c> lines.</summary>
    public const string DropInPath = "/etc/systemd/system/pineurons-node.service.d/credentials.conf";

    /// <summary>The credential of a node's single login (<c>--mqtt-password-file</c>, <c>--mqtt-password-dir</c>).</summary>
    public const string PasswordName = "mqtt-password";

    /// <summary>The cluster CA: public, but a credential too, so the node reads all of its login from one place.</summary>
    public const string CaName = "ca.crt";

    /// <summary>True when the node needs no drop-in at all (an anonymous broker over plain MQTT).</summary>
    public bool IsEmpty => Files.Count == 0 && Environment.Count == 0;

    /// <summary>The credentials of <paramref name="settings"/>: a single login, each hosted neuron's own password,
    /// the CA and <c>--insecure</c>.</summary>
    public static NodeCredentials For(NodeBootSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var files = new List<CredentialFile>();
        var environment = new List<KeyValuePair<string, string>>();
        if (settings.MqttLogin is { } login)
        {
            files.Add(new CredentialFile(PasswordName, login.Password + "\n"));
            // A user name is A-Z a-z 0-9 _ . @ - (MqttPassword checks it): nothing systemd would expand or split.
            environment.Add(new("PINEURONS_USERNAME", login.UserName));
            environment.Add(new("PINEURONS_PASSWORD_FILE", "%d/" + PasswordName));
        }

        if (settings.NeuronLogins.Count > 0)
        {
            // Named by neuron id (A-Z a-z 0-9 _ -: no dot, so never ca.crt); the node reads %d/<its neuron id>.
            files.AddRange(settings.NeuronLogins.Select(n => new CredentialFile(n.UserName, n.Password + "\n")));
            environment.Add(new("PINEURONS_PASSWORD_DIR", "%d"));
        }

        if (settings.NeuronCertificates.Count > 0)
        {
            // <id>.crt and <id>.key (a neuron id has no dot, so never ca.crt); the node reads %d/<id>.crt and .key.
            files.AddRange(settings.NeuronCertificates.SelectMany(c => new[]
            {
                new CredentialFile(c.NeuronId + ".crt", c.CertificatePem), new CredentialFile(c.NeuronId + ".key", c.KeyPem),
            }));
            environment.Add(new("PINEURONS_CERT_DIR", "%d"));
        }

        if (settings.BrokerOverride is { } broker)
        {
            // A URL of the manifest's host name and a port: no space, quote or % for systemd to split or expand.
            environment.Add(new("PINEURONS_BROKER", broker));
        }

        if (settings.CaCertificatePem is { } ca)
        {
            files.Add(new CredentialFile(CaName, ca));
            environment.Add(new("PINEURONS_CA_FILE", "%d/" + CaName));
        }

        if (settings.Insecure)
        {
            // Not a secret, but part of how the node logs in: it lives beside the login it allows.
            environment.Add(new("PINEURONS_INSECURE", "true"));
        }

        return new NodeCredentials(files, environment);
    }

    /// <summary>The path of credential <paramref name="name"/> on the Pi.</summary>
    public static string PathOf(string name) => Folder + "/" + name;
}
