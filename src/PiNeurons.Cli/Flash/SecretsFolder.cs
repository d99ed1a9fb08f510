using PiNeurons.Cli.Commands;
using PiNeurons.Cli.Secrets;
using PiNeurons.Core.Manifest;

namespace PiNeurons.Cli.Flash;

/// <summary>
/// <c>flash --secrets DIR</c>: the output folder of <c>pineurons secrets</c> plugged into flash. Each Pi gets the
/// passwords of the neurons it hosts (DIR/passwords/&lt;neuron id&gt;, user = the neuron id, as the broker's ACL
/// wants) and the cluster CA (DIR/ca.crt); never another Pi's neurons' passwords.
/// </summary>
internal static class SecretsFolder
{
    public const string Option = "--secrets";

    /// <summary>The options <c>--secrets</c> replaces: it gives the logins and the CA itself.</summary>
    public static readonly string[] Replaces = ["--mqtt-username", "--mqtt-password-file", "--mqtt-password-dir", "--ca-file"];

    /// <summary>The path of the CA in <paramref name="dir"/>.</summary>
    public static string CaFile(string dir) => Path.Combine(dir, "ca.crt");

    /// <summary>Each host's neuron logins, in the order of <paramref name="hosts"/>.</summary>
    /// <exception cref="CliUsageException">A hosted neuron has no readable password file.</exception>
    public static IReadOnlyList<IReadOnlyList<NodeMqttLogin>> Read(string dir, IReadOnlyList<HostEntry> hosts)
    {
        if (!Directory.Exists(dir))
        {
            throw new CliUsageException($"{Option} {dir}: no such folder; make it with: pineurons secrets --manifest M --out {dir}");
        }

        return [.. hosts.Select(h => (IReadOnlyList<NodeMqttLogin>)[.. h.Neurons.Select(n => Login(dir, h.Name, n.Id))])];
    }

    private static NodeMqttLogin Login(string dir, string host, string neuron)
    {
        var path = Path.Combine(dir, SecretsGenerator.PasswordsFolder, neuron);
        if (!File.Exists(path))
        {
            // A neuron added to the manifest after the secrets were made: the broker has no user for it either.
            throw new CliUsageException($"{Option}: no password for neuron {neuron} of host {host} ({path} is missing); "
                + $"rerun pineurons secrets --manifest M --out {dir} --ca-cert {CaFile(dir)} --ca-key {Path.Combine(dir, "ca.key")} --force "
                + "(it keeps the existing passwords) and reload the broker");
        }

        return new NodeMqttLogin(neuron, MqttPassword.FirstLine(path, Option));
    }
}
