using System.CommandLine;

namespace PiNeurons.Cli.Flash;

/// <summary>The options of <c>pineurons flash</c>, in one place so the command reads as its steps.</summary>
internal sealed class FlashOptions
{
    public Option<string> Manifest { get; } = ManifestFile.NewOption("the cluster manifest (installed as /etc/pineurons/cluster.yaml)");

    public Option<string?> Node { get; } = new("--node") { Description = "the manifest host to flash (it becomes the Pi's hostname)" };

    public Option<bool> All { get; } = new("--all") { Description = "every host of the manifest, one folder per host under --out" };

    public Option<string?> Out { get; } = new("--out") { Description = "folder to write the boot-partition files to (copy them onto the card's boot partition)" };

    public Option<string?> Image { get; } = new("--image") { Description = "a Raspberry Pi OS .img: write the files straight into its FAT boot partition (mtools; no root, no mount)" };

    public Option<string> SshKey { get; } = new("--ssh-key") { Description = "OpenSSH public key file for the login user (e.g. ~/.ssh/id_ed25519.pub)", Required = true };

    public Option<string> User { get; } = new("--user") { Description = "the login user to create (default: pi)", DefaultValueFactory = _ => "pi" };

    public Option<string?> WifiSsid { get; } = new("--wifi-ssid") { Description = "Wi-Fi network to join (leave out for Ethernet)" };

    public Option<string?> WifiCountry { get; } = new("--wifi-country") { Description = "two-letter country code for the Wi-Fi radio, e.g. GB, DE, JP (needed with --wifi-ssid)" };

    public Option<string?> WifiPasswordFile { get; } = new("--wifi-password-file") { Description = "file whose first line is the Wi-Fi password (else you are asked, without echo)" };

    /// <summary>Accepted only to be refused with a reason: a password on the command line stays in shell history.</summary>
    public Option<string?> WifiPassword { get; } = new("--wifi-password") { Hidden = true };

    public Option<string?> MqttUsername { get; } = new("--mqtt-username") { Description = "MQTT user the node logs in as (default: the host name, when a password is given)" };

    public Option<string?> MqttPasswordFile { get; } = new("--mqtt-password-file") { Description = "file whose first line is the node's MQTT password (one node; with --all use --mqtt-password-dir)" };

    public Option<string?> MqttPasswordDir { get; } = new("--mqtt-password-dir") { Description = "folder with one MQTT password file per host, named as the host (DIR/pi-h1); for --all or --node (for the folder pineurons secrets wrote, use --secrets)" };

    /// <summary>Accepted only to be refused with a reason, as --wifi-password is.</summary>
    public Option<string?> MqttPassword { get; } = new("--mqtt-password") { Hidden = true };

    public Option<string?> CaFile { get; } = new("--ca-file") { Description = "the cluster CA (ca.crt from pineurons secrets), installed as the credential ca.crt (/etc/pineurons/credentials/ca.crt): the node trusts only it for an mqtts:// broker" };

    public Option<string?> Secrets { get; } = new("--secrets")
    {
        Description = "the folder pineurons secrets wrote: each Pi gets its neurons' passwords (/etc/pineurons/credentials/<neuron id>; "
            + "every neuron logs in as itself), or with --auth certificate their client certificates (<id>.crt, <id>.key; the node then "
            + $"connects to port {SecretsFolder.CertificateListenerPort} of the manifest's broker host), and, for an mqtts:// broker, DIR/ca.crt; replaces --mqtt-username, --mqtt-password-file, "
            + "--mqtt-password-dir and --ca-file",
    };

    public Option<bool> Insecure { get; } = new("--insecure") { Description = "let the node send its MQTT password over plain mqtt:// to the broker (only on a network you trust)" };

    public Option<string[]> Packages { get; } = new("--package")
    {
        Description = "Debian package to install on first boot; repeat for several (default: libgpiod3, Trixie's libgpiod v2)",
        DefaultValueFactory = _ => ["libgpiod3"],
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> Bundle { get; } = new("--bundle") { Description = "the node bundle folder: deploy/publish-node.sh makes it in out/arm64 (NativeAOT, linux-arm64)" };

    public Option<bool> NoBundle { get; } = new("--no-bundle") { Description = "config only: no node bundle; install it later on the Pi with sudo pineurons-release install DIR, the service starts on the next boot" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Manifest, Node, All, Out, Image, SshKey, User, WifiSsid, WifiCountry, WifiPasswordFile, WifiPassword, MqttUsername, MqttPasswordFile, MqttPasswordDir, MqttPassword, CaFile, Secrets, Insecure, Packages, Bundle, NoBundle })
        {
            command.Options.Add(option);
        }
    }
}
