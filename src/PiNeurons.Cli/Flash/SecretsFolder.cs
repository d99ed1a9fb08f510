using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using PiNeurons.Cli.Commands;
using PiNeurons.Cli.Secrets;
using PiNeurons.Core.Manifest;

namespace PiNeurons.Cli.Flash;

/// <summary>
/// <c>flash --secrets DIR</c>: the output folder of <c>pineurons secrets</c> plugged into flash. Each Pi gets the logins of
/// the neurons it hosts (user = the neuron id, as the broker's rules want) and the cluster CA (DIR/ca.crt); never another
/// Pi's neurons' logins. A neuron's login is its password (DIR/passwords/&lt;id&gt;) when its client in the broker's
/// dynamic-security file (DIR/dynamic-security.json) has a password, else its client certificate (DIR/clients/&lt;id&gt;.crt
/// and .key, made by <c>--auth certificate</c>): that file says what the broker will take, whatever older files lie beside it.
/// </summary>
internal static class SecretsFolder
{
    public const string Option = "--secrets";

    /// <summary>The port of the shipped broker's certificate listener (firmware-config/mosquitto.conf), where a node
    /// logging in with certificates connects; the manifest's broker stays the password listener the operators use.</summary>
    public const int CertificateListenerPort = 8884;

    /// <summary>The options <c>--secrets</c> replaces: it gives the logins and the CA itself.</summary>
    public static readonly string[] Replaces = ["--mqtt-username", "--mqtt-password-file", "--mqtt-password-dir", "--ca-file"];

    /// <summary>The path of the CA in <paramref name="dir"/>.</summary>
    public static string CaFile(string dir) => Path.Combine(dir, "ca.crt");

    /// <summary>Each host's neuron logins, in the order of <paramref name="hosts"/>: passwords or certificates.</summary>
    /// <exception cref="CliUsageException">A hosted neuron has no login in the folder, or a host would mix both kinds.</exception>
    public static SecretsFolderLogins Read(string dir, IReadOnlyList<HostEntry> hosts)
    {
        if (!Directory.Exists(dir))
        {
            throw new CliUsageException($"{Option} {dir}: no such folder; make it with: pineurons secrets --manifest M --out {dir}");
        }

        var passwordUsers = PasswordUsers(dir);
        var passwords = new List<IReadOnlyList<NodeMqttLogin>>();
        var certificates = new List<IReadOnlyList<NeuronCertificate>>();
        foreach (var host in hosts)
        {
            var ids = host.Neurons.Select(n => n.Id).ToList();
            var byCertificate = ids.Where(id => !passwordUsers.Contains(id) && File.Exists(ClientFile(dir, id, ".crt"))).ToList();
            if (byCertificate.Count == ids.Count)
            {
                passwords.Add([]);
                certificates.Add([.. ids.Select(id => Certificate(dir, id))]);
                continue;
            }

            if (byCertificate.Count > 0 && ids.Except(byCertificate).All(passwordUsers.Contains))
            {
                // The node takes --cert-dir or --password-dir, not both: one kind of login per Pi.
                throw new CliUsageException($"{Option}: host {host.Name} would mix password logins ({string.Join(", ", ids.Except(byCertificate))}) "
                    + $"and certificate logins ({string.Join(", ", byCertificate)}); {Rerun(dir)}");
            }

            passwords.Add([.. ids.Select(id => Login(dir, host.Name, id))]);
            certificates.Add([]);
        }

        return new SecretsFolderLogins(passwords, certificates);
    }

    // The users with a password in the broker's dynamic-security file; none when the file is absent.
    private static IReadOnlySet<string> PasswordUsers(string dir)
    {
        var path = Path.Combine(dir, DynamicSecurityFile.FileName);
        try
        {
            return File.Exists(path) ? DynamicSecurityFile.PasswordUsers(File.ReadAllText(path)) : new HashSet<string>(StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{Option}: cannot read {path}: {ex.Message}");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new CliUsageException($"{Option}: {path} is not the dynamic-security file of pineurons secrets ({ex.Message}); {Rerun(dir)}");
        }
    }

    private static NodeMqttLogin Login(string dir, string host, string neuron)
    {
        var path = Path.Combine(dir, SecretsGenerator.PasswordsFolder, neuron);
        if (!File.Exists(path))
        {
            // A neuron added to the manifest after the secrets were made: the broker has no user for it either.
            throw new CliUsageException($"{Option}: no password for neuron {neuron} of host {host} ({path} is missing); {Rerun(dir)}");
        }

        return new NodeMqttLogin(neuron, MqttPassword.FirstLine(path, Option));
    }

    // Checked here, not first on the Pi: the node refuses a key that does not match or a CN that is not the neuron.
    private static NeuronCertificate Certificate(string dir, string neuron)
    {
        var (certPath, keyPath) = (ClientFile(dir, neuron, ".crt"), ClientFile(dir, neuron, ".key"));
        string certificate, key;
        try
        {
            (certificate, key) = (File.ReadAllText(certPath), File.ReadAllText(keyPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{Option}: cannot read the client certificate of neuron {neuron}: {ex.Message}; {Rerun(dir)}");
        }

        try
        {
            using var pair = X509Certificate2.CreateFromPem(certificate, key);
            var cn = pair.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            if (cn != neuron)
            {
                throw new CliUsageException($"{Option}: {certPath} is made out to '{cn}', not to neuron {neuron}; {Rerun(dir)}");
            }
        }
        catch (CryptographicException ex)
        {
            throw new CliUsageException($"{Option}: {certPath} and {keyPath} are not a certificate and its key ({ex.Message}); {Rerun(dir)}");
        }

        return new NeuronCertificate(neuron, certificate, key);
    }

    private static string ClientFile(string dir, string neuron, string extension) =>
        Path.Combine(dir, SecretsGenerator.ClientsFolder, neuron + extension);

    private static string Rerun(string dir) =>
        $"rerun pineurons secrets --manifest M --out {dir} --ca-cert {CaFile(dir)} --ca-key {Path.Combine(dir, "ca.key")} --force "
        + "(it keeps the existing passwords and keys) and restart the broker";
}

/// <summary>What <see cref="SecretsFolder"/> read: per host (in the order of the hosts), its neurons' passwords or
/// their certificates; one of the two lists of a host is empty.</summary>
internal sealed record SecretsFolderLogins(
    IReadOnlyList<IReadOnlyList<NodeMqttLogin>> Passwords,
    IReadOnlyList<IReadOnlyList<NeuronCertificate>> Certificates);
