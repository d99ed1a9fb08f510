using System.Text;

namespace PiNeurons.Cli.Flash;

/// <summary>
/// The cloud-init <c>user-data</c> (#cloud-config) that turns a fresh Raspberry Pi OS Trixie into one node:
/// hostname, the operator's login, the GPIO package, the manifest and the unit, then the node service.
/// Pure: text in, text out. It never holds the Wi-Fi password, which lives only in network-config; it holds
/// the node's MQTT password when one is given, as the boot partition already holds secrets (network-config).
/// </summary>
internal static class UserDataGenerator
{
    /// <summary>Where Raspberry Pi OS mounts the FAT boot partition (since Bookworm).</summary>
    public const string BootMount = "/boot/firmware";

    /// <summary>The node bundle's file name on the boot partition.</summary>
    public const string BundleFileName = "pineurons-node.tar.gz";

    public const string ManifestPath = "/etc/pineurons/cluster.yaml";
    /// <summary>Where runcmd unpacks the bundle before pineurons-release installs it as the first release.</summary>
    public const string UnpackDir = "/var/tmp/pineurons-bundle";

    /// <summary>The config.txt lines the host's hardware needs, kept on the root file system until runcmd appends them.</summary>
    public const string BootConfigPath = "/etc/pineurons/boot-config.txt";

    public static string Generate(NodeBootSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var y = new StringBuilder();
        y.Append("#cloud-config\n");
        y.Append("# Written by `pineurons flash` for node ").Append(settings.Host).Append(". Read by cloud-init on the first boot.\n");
        y.Append("hostname: ").Append(YamlText.Quote(settings.Host)).Append('\n');
        y.Append("manage_etc_hosts: true\n");
        y.Append("users:\n");
        y.Append("  - name: ").Append(YamlText.Quote(settings.OperatorUser)).Append('\n');
        y.Append("    groups: [gpio]\n");
        y.Append("    shell: /bin/bash\n");
        // No password at all: the login is the SSH key, and sudo needs none.
        y.Append("    lock_passwd: true\n");
        y.Append("    sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n");
        y.Append("    ssh_authorized_keys:\n");
        foreach (var key in settings.SshKeys)
        {
            y.Append("      - ").Append(YamlText.Quote(key)).Append('\n');
        }

        y.Append("ssh_pwauth: false\n");
        if (settings.Packages.Count > 0)
        {
            // A fresh image's apt lists are empty: update first, or the install finds nothing.
            y.Append("package_update: true\n");
            y.Append("packages:\n");
            foreach (var package in settings.Packages)
            {
                y.Append("  - ").Append(YamlText.Quote(package)).Append('\n');
            }
        }

        var interfaces = settings.Interfaces;
        if (interfaces.I2c)
        {
            // cloud-init's Raspberry Pi module runs raspi-config (dtparam=i2c_arm=on, i2c-dev loaded at boot), as Raspberry
            // Pi Imager does, and reboots the Pi at once so the firmware reads the setting.
            y.Append("rpi:\n  interfaces:\n    i2c: true\n");
        }

        y.Append("write_files:\n");
        AppendFile(y, ManifestPath, settings.ManifestText);
        foreach (var file in settings.SystemFiles)
        {
            AppendFile(y, file.Path, file.Content, file.Permissions);
        }

        if (interfaces.ConfigTxt is { } configTxt)
        {
            AppendFile(y, BootConfigPath, configTxt);
        }

        if (interfaces.UnitDropIn is { } hardware)
        {
            AppendFile(y, BootInterfaces.DropInPath, hardware);
        }

        var credentials = NodeCredentials.For(settings);
        foreach (var file in credentials.Files)
        {
            AppendFile(y, NodeCredentials.PathOf(file.Name), file.Content, "0600");
        }

        if (!credentials.IsEmpty)
        {
            AppendFile(y, NodeCredentials.DropInPath, CredentialsDropIn.Generate(credentials));
        }

        y.Append("runcmd:\n");
        // The unit runs as the system user pineurons in group gpio, as write_files' sysusers.d snippet defines it; at this
        // boot systemd-sysusers.service ran before cloud-init wrote it, so it is applied here.
        y.Append("  - [systemd-sysusers, ").Append(PiSystemFiles.SysusersPath).Append("]\n");
        if (interfaces.I2c)
        {
            // hardware.conf adds the group; a unit whose supplementary group is missing does not start.
            y.Append("  - [sh, -c, \"getent group i2c >/dev/null || groupadd --system i2c\"]\n");
        }

        if (interfaces.ConfigTxt is not null)
        {
            // Here, not by write_files: runcmd runs once the FAT boot partition is surely mounted, and appending keeps its
            // owner and mode, which the FAT mount fixes (a chmod to write_files' 0644 fails there).
            y.Append("  - [sh, -c, \"cat ").Append(BootConfigPath).Append(" >> ").Append(BootMount).Append("/config.txt\"]\n");
        }

        if (credentials.Files.Count > 0)
        {
            // write_files made the folder 0755; 0700 keeps even the names (the hosted neurons) to root.
            y.Append("  - [chmod, \"0700\", ").Append(NodeCredentials.Folder).Append("]\n");
        }

        if (settings.IncludeBundle)
        {
            // The first release (docs/upgrades.md): /opt/pineurons/releases/<its VERSION>, with current pointing at it.
            y.Append("  - [mkdir, -p, ").Append(UnpackDir).Append("]\n");
            y.Append("  - [tar, --no-same-owner, -xzf, ").Append(BootMount).Append('/').Append(BundleFileName)
                .Append(", -C, ").Append(UnpackDir).Append("]\n");
            y.Append("  - [").Append(PiSystemFiles.ReleaseToolPath).Append(", install, ").Append(UnpackDir).Append("]\n");
            y.Append("  - [rm, -rf, ").Append(UnpackDir).Append("]\n");
        }

        // Raspberry Pi OS ships sshd disabled; cloud-init installs the key but does not start it.
        y.Append("  - [systemctl, enable, --now, ssh]\n");
        y.Append("  - [systemctl, daemon-reload]\n");
        // Marks a release on trial good once it has run long enough; also after reboots.
        y.Append("  - [systemctl, enable, --now, pineurons-release-check.timer]\n");
        y.Append(settings.IncludeBundle
            ? "  - [systemctl, enable, --now, pineurons-node.service]\n"
            // Config-only: the node comes later (sudo pineurons-release install DIR); start on the next boot.
            : "  - [systemctl, enable, pineurons-node.service]\n");
        if (interfaces.ConfigTxt is not null)
        {
            // The firmware reads config.txt only at boot: one more reboot once cloud-init is done, which it waits for.
            y.Append("power_state:\n  mode: reboot\n  message: \"pineurons flash: rebooting once so config.txt's overlays take effect\"\n");
        }

        return y.ToString();
    }

    private static void AppendFile(StringBuilder y, string path, string content, string permissions = "0644")
    {
        y.Append("  - path: ").Append(path).Append('\n');
        y.Append("    owner: \"root:root\"\n");
        y.Append("    permissions: \"").Append(permissions).Append("\"\n");
        var text = content.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (YamlText.TryLiteralBlock(text, 6, out var block))
        {
            y.Append("    content: ").Append(block);
        }
        else
        {
            y.Append("    encoding: b64\n");
            y.Append("    content: ").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(content))).Append('\n');
        }
    }
}
