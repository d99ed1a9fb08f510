using PiNeurons.Core.Configuration;

namespace PiNeurons.Node.Hosting;

/// <summary>
/// The node's command line: a fixed set of <c>--name value</c> options. Parsed by hand rather than by
/// the configuration provider so that a typo (<c>--manifets</c>) is an error, not a silently ignored key.
/// </summary>
public static class NodeCommandLine
{
    /// <summary>Option name to <see cref="NodeOptions"/> property.</summary>
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        ["--broker"] = nameof(NodeOptions.Broker),
        ["--manifest"] = nameof(NodeOptions.Manifest),
        ["--node"] = nameof(NodeOptions.Node),
        ["--neurons"] = nameof(NodeOptions.Neurons),
        ["--state-dir"] = nameof(NodeOptions.StateDir),
        ["--gpio"] = nameof(NodeOptions.Gpio),
        ["--root"] = nameof(NodeOptions.Root),
        ["--username"] = nameof(NodeOptions.Username),
        ["--password-file"] = nameof(NodeOptions.PasswordFile),
        ["--password-dir"] = nameof(NodeOptions.PasswordDir),
        ["--cert-dir"] = nameof(NodeOptions.CertDir),
        ["--ca-file"] = nameof(NodeOptions.CaFile),
        ["--cert-file"] = nameof(NodeOptions.CertFile),
        ["--key-file"] = nameof(NodeOptions.KeyFile),
        ["--insecure"] = nameof(NodeOptions.Insecure),
        ["--home-assistant"] = nameof(NodeOptions.HomeAssistant),
    };

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--insecure" };

    /// <summary>Each option's environment variable (<c>--state-dir</c>: <c>PINEURONS_STATE_DIR</c>) and its
    /// <see cref="NodeOptions"/> property: one list of options serves both.</summary>
    public static IEnumerable<(string Variable, string Property)> EnvironmentVariables =>
        Keys.Select(k => (CommandLineSwitches.VariableOf(k.Key), k.Value));

    /// <summary>The text of <c>--help</c>.</summary>
    public const string Help = """
        PiNeurons node: hosts neurons on this machine's GPIO and connects them to the MQTT broker.

        Usage:
          PiNeurons.Node --manifest FILE [--node HOST|all] [options]
          PiNeurons.Node --neurons ID[,ID...] [options]

        Options:
          --manifest FILE    cluster manifest (YAML); the node hosts the neurons listed under its host
          --node HOST|all    which host of the manifest this is (default: this machine's hostname);
                             'all' hosts every neuron of the manifest in this one process
          --neurons A,B,C    host ad-hoc neurons with default config on simulated boards (no manifest)
          --broker URL       MQTT broker, mqtt://host[:port] (default: PINEURONS_BROKER, appsettings.json,
                             the manifest's broker, else mqtt://127.0.0.1:1883)
          --state-dir DIR    where runtime config changes are kept (default: systemd's StateDirectory,
                             else ./state)
          --gpio DRIVER      simulated | auto | libgpiod | libgpiodv2 (default: the manifest host's gpio.driver,
                             else auto: libgpiod 2.x if libgpiod.so.3 loads, else 1.x, on the chip labelled as a
                             Pi's header, or the manifest's gpio.chip/gpio.label; ad-hoc neurons: simulated)
          --root ROOT        MQTT topic root (default: the manifest's root, else pineurons)
          --username NAME    MQTT user name, when the broker requires one
          --password-file F  file holding the MQTT password (its first line); with --username
          --password-dir DIR each neuron logs in as itself: user = its neuron id, password = first line of
                             DIR/<neuron id> (the passwords/ folder of pineurons secrets); excludes
                             --username and --password-file
          --cert-dir DIR     each neuron logs in with its own client certificate, no password: DIR/<neuron id>.crt
                             and DIR/<neuron id>.key (the clients/ folder of pineurons secrets --auth certificate),
                             on the broker's certificate listener (mqtts://host:8884); excludes --password-dir,
                             --username, --password-file, --cert-file and --key-file
          --ca-file FILE     the cluster CA (PEM): an mqtts:// broker's certificate must chain to it
          --cert-file FILE   client certificate (PEM) for an mqtts:// broker that asks for one, with --key-file
          --key-file FILE    the client certificate's private key (PEM)
          --insecure         allow sending the password over plain mqtt:// to a broker on another machine
                             (refused otherwise: use mqtts:// and --ca-file)
          --home-assistant P announce the neurons to Home Assistant by MQTT discovery under prefix P
                             (usually homeassistant; default: the manifest's homeAssistant block, else off)
          -h, --help         show this help
          --version          print the version and the commit

        Every option is also an environment variable: --state-dir is PINEURONS_STATE_DIR (the command line wins).
        Exit codes: 0 stopped cleanly, 1 a neuron faulted, 2 bad options or manifest, 5 the broker refused the
        login, 6 GPIO unavailable (docs/cli.md has the table all three programs share).
        """;

    /// <summary>Parses <paramref name="args"/> into configuration keys under <see cref="NodeOptions.Section"/>.</summary>
    /// <exception cref="ArgumentException">An unknown option or a missing value.</exception>
    public static Dictionary<string, string?> Parse(IReadOnlyList<string> args) =>
        CommandLineSwitches.Parse(args, Keys.ToDictionary(k => k.Key, k => $"{NodeOptions.Section}:{k.Value}", StringComparer.Ordinal), flags: Flags);

    /// <summary>True when <paramref name="args"/> asks for help.</summary>
    public static bool WantsHelp(IReadOnlyList<string> args) => CommandLineSwitches.WantsHelp(args);
}
