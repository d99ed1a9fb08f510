using PiNeurons.CommandLine;

namespace PiNeurons.Node.Hosting;

/// <summary>The node's command line: each option sets a <see cref="NodeOptions"/> property and is also a PINEURONS_ variable.</summary>
public static class NodeCommandLine
{
    private const string Description = """
        PiNeurons node: hosts neurons on this machine's GPIO and connects them to the MQTT broker.

        Usage:
          PiNeurons.Node --manifest FILE [--node HOST|all] [options]
          PiNeurons.Node --neurons ID[,ID...] [options]

        Every option is also an environment variable: --state-dir is PINEURONS_STATE_DIR (the command line wins).
        Exit codes: 0 stopped cleanly, 1 a neuron faulted, 2 bad options or manifest, 5 the broker refused the
        login, 6 GPIO unavailable (docs/cli.md has the table all three programs share; docs/node.md the details).
        Example: PiNeurons.Node --manifest firmware-config/xor.yaml --node all --gpio simulated
        """;

    /// <summary>The node's options, in the order --help lists them.</summary>
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        Spec("--manifest", nameof(NodeOptions.Manifest), "cluster manifest (YAML); the node hosts the neurons listed under its host", "FILE"),
        Spec("--node", nameof(NodeOptions.Node), "which host of the manifest this is (default: this machine's hostname); 'all' hosts every neuron", "HOST"),
        Spec("--neurons", nameof(NodeOptions.Neurons), "ad-hoc neurons with default config on simulated boards (no manifest)", "A,B,C"),
        Spec("--broker", nameof(NodeOptions.Broker), "MQTT broker, mqtt://host[:port] or mqtts://; a cluster's nodes separated by commas, tried in turn (default: appsettings.json, the manifest's, else mqtt://127.0.0.1:1883)", "URL[,URL...]"),
        Spec("--state-dir", nameof(NodeOptions.StateDir), "where runtime config changes are kept (default: systemd's StateDirectory, else ./state)", "DIR"),
        Spec("--gpio", nameof(NodeOptions.Gpio), "simulated | auto | libgpiod | libgpiodv2 (default: the manifest host's gpio.driver, else auto: libgpiod 2.x if libgpiod.so.3 loads, else 1.x, on the chip labelled as a Pi's header)", "DRIVER"),
        Spec("--root", nameof(NodeOptions.Root), "MQTT topic root (default: the manifest's, else pineurons)", "ROOT"),
        Spec("--username", nameof(NodeOptions.Username), "MQTT user name, when the broker requires one", "NAME"),
        Spec("--password-file", nameof(NodeOptions.PasswordFile), "file whose first line is the MQTT password, with --username", "FILE"),
        Spec("--password-dir", nameof(NodeOptions.PasswordDir), "each neuron logs in as itself: password = first line of DIR/<neuron id> (pineurons secrets' passwords/)", "DIR"),
        Spec("--cert-dir", nameof(NodeOptions.CertDir), "each neuron presents DIR/<neuron id>.crt and .key (secrets --auth certificate) to mqtts://host:8884", "DIR"),
        Spec("--ca-file", nameof(NodeOptions.CaFile), "the cluster CA (PEM) an mqtts:// broker's certificate must chain to", "FILE"),
        Spec("--cert-file", nameof(NodeOptions.CertFile), "client certificate (PEM) for an mqtts:// broker that asks for one, with --key-file", "FILE"),
        Spec("--key-file", nameof(NodeOptions.KeyFile), "the client certificate's private key (PEM)", "FILE"),
        Spec("--insecure", nameof(NodeOptions.Insecure), "allow the MQTT password over plain mqtt:// to another machine (refused otherwise)", null),
        Spec("--heartbeat", nameof(NodeOptions.Heartbeat), "seconds between two republications of each neuron's status and state, by which consumers tell it is alive (1 to 3600; default: the manifest's heartbeatSeconds, else 30)", "SECONDS"),
        Spec("--home-assistant", nameof(NodeOptions.HomeAssistant), "announce the neurons to Home Assistant under this discovery prefix (usually homeassistant)", "PREFIX"),
    ];

    /// <summary>The command line, with --help and --version.</summary>
    public static ProgramCommandLine Create() => new("pineurons-node", Description, Options);

    private static OptionSpec Spec(string name, string property, string description, string? valueName) =>
        new(name, $"{NodeOptions.Section}:{property}", description, valueName);
}
