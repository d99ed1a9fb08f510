namespace PiNeurons.Node.Hosting;

/// <summary>
/// The node's settings, from (lowest to highest precedence) the manifest, appsettings.json's
/// <c>PiNeurons</c> section, the <c>PINEURONS_*</c> environment variables and the command line.
/// </summary>
public sealed class NodeOptions
{
    /// <summary>The configuration section in appsettings.json.</summary>
    public const string Section = "PiNeurons";

    /// <summary>Broker URL, e.g. <c>mqtt://127.0.0.1:1883</c>.</summary>
    public string? Broker { get; set; }

    /// <summary>Path of the cluster manifest (YAML).</summary>
    public string? Manifest { get; set; }

    /// <summary>Which host of the manifest this node is: a hostname, or <c>all</c>. Default: this machine's hostname.</summary>
    public string? Node { get; set; }

    /// <summary>Ad-hoc neuron ids (comma-separated), hosted with default config on simulated boards; no manifest.</summary>
    public string? Neurons { get; set; }

    /// <summary>Where runtime config is persisted. Default: systemd's STATE_DIRECTORY, else ./state.</summary>
    public string? StateDir { get; set; }

    /// <summary>GPIO driver: <c>simulated</c>, <c>auto</c>, <c>libgpiod</c>, <c>libgpiodv2</c>. Default: the manifest host's, else auto.
    /// The chip is the manifest's (gpio.chip, gpio.label), else the header's, found by label, whichever driver.</summary>
    public string? Gpio { get; set; }

    /// <summary>Topic root. Default: the manifest's, else <c>pineurons</c>.</summary>
    public string? Root { get; set; }

    /// <summary>MQTT user name, if the broker asks for one.</summary>
    public string? Username { get; set; }

    /// <summary>A file holding the MQTT password (never the password itself: it would show in the process list).</summary>
    public string? PasswordFile { get; set; }

    /// <summary>A folder with one password file per hosted neuron (<c>DIR/&lt;neuron id&gt;</c>, as <c>pineurons secrets</c>
    /// writes them): each neuron logs in as itself. Excludes <see cref="Username"/> and <see cref="PasswordFile"/>.</summary>
    public string? PasswordDir { get; set; }

    /// <summary>A folder with a client certificate per hosted neuron (<c>DIR/&lt;neuron id&gt;.crt</c> and <c>.key</c>, as
    /// <c>pineurons secrets --auth certificate</c> writes them in <c>clients/</c>): each neuron logs in with its own,
    /// no password. Excludes <see cref="PasswordDir"/>, <see cref="Username"/>, <see cref="PasswordFile"/>,
    /// <see cref="CertFile"/> and <see cref="KeyFile"/>.</summary>
    public string? CertDir { get; set; }

    /// <summary>The cluster CA (PEM) an <c>mqtts://</c> broker's certificate must chain to.</summary>
    public string? CaFile { get; set; }

    /// <summary>The client certificate (PEM) presented to an <c>mqtts://</c> broker, with <see cref="KeyFile"/>.</summary>
    public string? CertFile { get; set; }

    /// <summary>The client certificate's private key (PEM).</summary>
    public string? KeyFile { get; set; }

    /// <summary>Allows sending the MQTT password over plain TCP to a broker not on this machine.</summary>
    public bool Insecure { get; set; }

    /// <summary>Seconds between two heartbeats: each hosted neuron republishes its status and state this often
    /// (docs/protocol.md section 9, "Heartbeat"). A whole number from 1 to 3600; default the manifest's
    /// <c>heartbeatSeconds</c>, else 30.</summary>
    public string? Heartbeat { get; set; }

    /// <summary>Home Assistant discovery prefix (usually <c>homeassistant</c>); when given, the node announces its
    /// neurons to Home Assistant whatever the manifest says.</summary>
    public string? HomeAssistant { get; set; }
}
