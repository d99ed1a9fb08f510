namespace PiNeurons.Cli.Flash;

/// <summary>Everything the boot files of one node are made from; built and validated by <see cref="FlashCommand"/>.</summary>
/// <param name="Host">The manifest host, which becomes the Pi's hostname (the node finds its neurons by hostname).</param>
/// <param name="ManifestText">The manifest file as the operator wrote it, installed as /etc/pineurons/cluster.yaml.</param>
/// <param name="SystemFiles">The node's unit and the release tool with its units (<see cref="PiSystemFiles"/>).</param>
/// <param name="OperatorUser">The login user that gets the SSH keys and sudo.</param>
/// <param name="SshKeys">OpenSSH public keys, one line each, already checked by <see cref="SshPublicKey"/>.</param>
/// <param name="Packages">Debian packages to install on first boot (libgpiod3 on Trixie).</param>
/// <param name="IncludeBundle">Whether the node bundle is on the boot partition, to be installed as the first release.</param>
/// <param name="MqttLogin">The node's MQTT login, or null when the broker takes anonymous clients.</param>
internal sealed record NodeBootSettings(
    string Host,
    string ManifestText,
    IReadOnlyList<PiFile> SystemFiles,
    string OperatorUser,
    IReadOnlyList<string> SshKeys,
    IReadOnlyList<string> Packages,
    bool IncludeBundle,
    NodeMqttLogin? MqttLogin = null)
{
    /// <summary>The cluster CA (PEM) the node pins for an mqtts:// broker, or null.</summary>
    public string? CaCertificatePem { get; init; }

    /// <summary>Each hosted neuron's own login (<c>--secrets</c>), installed as credentials named by neuron id (<see cref="NodeCredentials"/>); empty otherwise.</summary>
    public IReadOnlyList<NodeMqttLogin> NeuronLogins { get; init; } = [];

    /// <summary>Each hosted neuron's client certificate (<c>--secrets</c> of <c>secrets --auth certificate</c>); empty otherwise.</summary>
    public IReadOnlyList<NeuronCertificate> NeuronCertificates { get; init; } = [];

    /// <summary>The broker the node connects to instead of the manifest's (the certificate listener), or null.</summary>
    public string? BrokerOverride { get; init; }

    /// <summary>True when user-data holds a password or a private key, so it must be written readable by its owner only.</summary>
    public bool HoldsSecret => MqttLogin is not null || NeuronLogins.Count > 0 || NeuronCertificates.Count > 0;

    /// <summary>True when the node may send its password over plain mqtt:// (<c>--insecure</c>).</summary>
    public bool Insecure { get; init; }

    /// <summary>The buses the host's sensors and LEDs need enabled (I2C, 1-Wire, hardware PWM); none by default.</summary>
    public BootInterfaces Interfaces { get; init; } = BootInterfaces.None;
}

/// <summary>An MQTT user a node logs in as: the password becomes a systemd credential (<see cref="NodeCredentials"/>).</summary>
/// <param name="UserName">The MQTT user name (by default the host name: the stack has one user per Pi).</param>
/// <param name="Password">The password, from --mqtt-password-file or --mqtt-password-dir.</param>
internal sealed record NodeMqttLogin(string UserName, string Password)
{
    /// <summary>Never print the password, not even in a debugger or a failed assertion.</summary>
    public override string ToString() => $"NodeMqttLogin {{ UserName = {UserName} }}";
}

/// <summary>The Wi-Fi network a node joins. The password goes only into network-config.</summary>
/// <param name="Ssid">The network name.</param>
/// <param name="Password">The WPA passphrase (8-63 characters) or 64-hex-digit PSK.</param>
/// <param name="Country">ISO 3166 country code: Raspberry Pi OS keeps Wi-Fi blocked until it is set.</param>
internal sealed record WifiSettings(string Ssid, string Password, string Country)
{
    /// <summary>Never print the password, not even in a debugger or a failed assertion.</summary>
    public override string ToString() => $"WifiSettings {{ Ssid = {Ssid}, Country = {Country} }}";
}
