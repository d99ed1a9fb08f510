using PiNeurons.Cli.Flash;

namespace PiNeurons.Cli.Tests.Flash;

public class GeneratorTests
{
    private static readonly WifiSettings Wifi = new("lab: #1 \"east\"", "correct horse battery", "GB");

    [Fact]
    public void UserData_ForNode_HasHostnameKeyManifestUnitAndEnableNow()
    {
        var settings = FlashScratch.Settings();

        var userData = UserDataGenerator.Generate(settings);

        Assert.StartsWith("#cloud-config\n", userData, StringComparison.Ordinal);
        Assert.Contains("hostname: \"pi-h1\"", userData, StringComparison.Ordinal);
        Assert.Contains(FlashScratch.TestKey(), userData, StringComparison.Ordinal);
        Assert.Contains("groups: [gpio]", userData, StringComparison.Ordinal);
        Assert.Contains("- \"libgpiod3\"", userData, StringComparison.Ordinal);
        Assert.Contains("path: /etc/pineurons/cluster.yaml", userData, StringComparison.Ordinal);
        Assert.Contains("      weights: { x: 1, y: 1 }", userData, StringComparison.Ordinal);
        Assert.Contains("path: /etc/systemd/system/pineurons-node.service", userData, StringComparison.Ordinal);
        Assert.Contains("      ExecStart=/opt/pineurons/current/PiNeurons.Node --manifest /etc/pineurons/cluster.yaml\n", userData, StringComparison.Ordinal);
        Assert.Contains("[tar, --no-same-owner, -xzf, /boot/firmware/pineurons-node.tar.gz, -C, /var/tmp/pineurons-bundle]", userData, StringComparison.Ordinal);
        Assert.Contains("[/usr/local/sbin/pineurons-release, install, /var/tmp/pineurons-bundle]", userData, StringComparison.Ordinal);
        Assert.Contains("[systemctl, enable, --now, pineurons-node.service]", userData, StringComparison.Ordinal);
    }

    [Fact]
    public void UserData_InstallsTheReleaseToolAndItsUnits()
    {
        var config = CloudConfig.Parse(UserDataGenerator.Generate(FlashScratch.Settings()));

        var tool = config.Files["/usr/local/sbin/pineurons-release"];
        Assert.Equal(("root:root", "0755"), (tool.Owner, tool.Permissions));
        Assert.StartsWith("#!/bin/bash\n", tool.Content, StringComparison.Ordinal);
        Assert.Contains("OnFailure=pineurons-rollback.service", config.Files["/etc/systemd/system/pineurons-node.service"].Content, StringComparison.Ordinal);
        Assert.Contains("ExecStart=/usr/local/sbin/pineurons-release rollback --automatic",
            config.Files["/etc/systemd/system/pineurons-rollback.service"].Content, StringComparison.Ordinal);
        Assert.Contains("OnUnitActiveSec=1min", config.Files["/etc/systemd/system/pineurons-release-check.timer"].Content, StringComparison.Ordinal);
        Assert.Contains("ExecStart=/usr/local/sbin/pineurons-release check",
            config.Files["/etc/systemd/system/pineurons-release-check.service"].Content, StringComparison.Ordinal);
    }

    [Fact]
    public void UserData_CreatesTheNodesUserFromTheSysusersSnippetBeforeTheNodeStarts()
    {
        var config = CloudConfig.Parse(UserDataGenerator.Generate(FlashScratch.Settings()));

        var snippet = config.Files["/etc/sysusers.d/pineurons.conf"];
        Assert.Equal(("root:root", "0644"), (snippet.Owner, snippet.Permissions));
        var lines = snippet.Content.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        Assert.Equal(["u pineurons - \"PiNeurons node\" - -", "m pineurons gpio"], lines);
        var sysusers = config.IndexOf("systemd-sysusers", "/etc/sysusers.d/pineurons.conf");
        Assert.True(sysusers >= 0, "runcmd does not run systemd-sysusers on the snippet");
        Assert.True(sysusers < config.IndexOf("systemctl", "enable", "--now", "pineurons-node.service"), "the node is started before its user exists");
        Assert.DoesNotContain(config.RunCommands, c => c.Any(a => a.Contains("useradd", StringComparison.Ordinal)));
    }

    [Fact]
    public void UserData_NoBundle_EnablesWithoutStartingAndUnpacksNothing()
    {
        var userData = UserDataGenerator.Generate(FlashScratch.Settings(bundle: false));

        Assert.DoesNotContain("pineurons-node.tar.gz", userData, StringComparison.Ordinal);
        Assert.Contains("[systemctl, enable, pineurons-node.service]", userData, StringComparison.Ordinal);
    }

    [Fact]
    public void UserData_NeverHoldsAPassword()
    {
        // Without the units and the release tool, whose comments name the optional password file.
        var userData = UserDataGenerator.Generate(FlashScratch.Settings() with { SystemFiles = [] });

        Assert.DoesNotContain(Wifi.Password, userData, StringComparison.Ordinal);
        Assert.DoesNotContain("passwd:", userData.Replace("lock_passwd:", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("password", userData, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("lock_passwd: true", userData, StringComparison.Ordinal);
    }

    [Fact]
    public void UserData_WithMqttLogin_InstallsThePasswordAsACredentialOnlyRootReadsAndADropInThatLoadsIt()
    {
        var settings = FlashScratch.Settings() with { MqttLogin = new NodeMqttLogin("pi-h1", "mqtt secret #1") };

        var userData = UserDataGenerator.Generate(settings);

        var config = CloudConfig.Parse(userData);
        Assert.Equal(new WrittenFile("root:root", "0600", "mqtt secret #1\n"), config.Files["/etc/pineurons/credentials/mqtt-password"]);
        var dropIn = config.Files["/etc/systemd/system/pineurons-node.service.d/credentials.conf"];
        Assert.Equal(("root:root", "0644"), (dropIn.Owner, dropIn.Permissions));
        Assert.Equal(
            ["[Service]", "LoadCredential=mqtt-password:/etc/pineurons/credentials/mqtt-password",
             "Environment=PINEURONS_USERNAME=pi-h1", "Environment=PINEURONS_PASSWORD_FILE=%d/mqtt-password"],
            config.DropInLines("/etc/systemd/system/pineurons-node.service.d/credentials.conf"));
        // The password is in the root-only file and nowhere else: not in the drop-in, not in a group-readable copy.
        Assert.Single(userData.Split("mqtt secret #1").Skip(1));
        Assert.Equal(["/etc/pineurons/cluster.yaml", "/etc/pineurons/credentials/mqtt-password"],
            config.Files.Keys.Where(p => p.StartsWith("/etc/pineurons/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(config.RunCommands, c => c[0] == "chown");
        // write_files makes the folder 0755; it is 0700 before the node starts.
        var chmod = config.IndexOf("chmod", "0700", "/etc/pineurons/credentials");
        var start = config.IndexOf("systemctl", "enable", "--now", "pineurons-node.service");
        Assert.True(chmod >= 0 && chmod < start, userData);
    }

    [Fact]
    public void UserData_WithoutMqttLogin_HasNoCredentialsAndNoDropIn()
    {
        var config = CloudConfig.Parse(UserDataGenerator.Generate(FlashScratch.Settings()));

        Assert.Equal(
            new[] { "/etc/pineurons/cluster.yaml" }.Concat(PiSystemFiles.All().Select(f => f.Path)).Order(StringComparer.Ordinal),
            config.Files.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.DoesNotContain(config.RunCommands, c => c[0] is "chmod" or "chown");
    }

    [Fact]
    public void UserData_InsecureOnly_DropInSetsItWithoutCredentials()
    {
        var config = CloudConfig.Parse(UserDataGenerator.Generate(FlashScratch.Settings() with { Insecure = true }));

        Assert.Equal(["[Service]", "Environment=PINEURONS_INSECURE=true"],
            config.DropInLines("/etc/systemd/system/pineurons-node.service.d/credentials.conf"));
        Assert.DoesNotContain(config.Files.Keys, p => p.StartsWith("/etc/pineurons/credentials/", StringComparison.Ordinal));
    }

    [Fact]
    public void UserData_WithBusesToEnable_AsksTheRpiModuleForI2cAppendsConfigTxtAndRebootsOnce()
    {
        var interfaces = new BootInterfaces(I2c: true, ConfigTxt: "\n# why\n[all]\ndtoverlay=w1-gpio,gpiopin=4\n", UnitDropIn: "[Service]\nSupplementaryGroups=i2c\n");

        var config = CloudConfig.Parse(UserDataGenerator.Generate(FlashScratch.Settings() with { Interfaces = interfaces }));

        Assert.Equal("true", config.Scalar("rpi", "interfaces", "i2c"));
        Assert.Equal(interfaces.ConfigTxt, config.Files["/etc/pineurons/boot-config.txt"].Content);
        Assert.Equal(["[Service]", "SupplementaryGroups=i2c"], config.DropInLines("/etc/systemd/system/pineurons-node.service.d/hardware.conf"));
        var append = config.IndexOf("sh", "-c", "cat /etc/pineurons/boot-config.txt >> /boot/firmware/config.txt");
        Assert.True(append >= 0 && append < config.IndexOf("systemctl", "enable", "--now", "pineurons-node.service"));
        Assert.True(config.IndexOf("sh", "-c", "getent group i2c >/dev/null || groupadd --system i2c") >= 0);
        Assert.Equal("reboot", config.Scalar("power_state", "mode"));
    }

    [Fact]
    public void UserData_NoBusesToEnable_NoRpiModuleNoConfigTxtNoReboot()
    {
        var userData = UserDataGenerator.Generate(FlashScratch.Settings());

        var config = CloudConfig.Parse(userData);
        Assert.Null(config.Scalar("rpi"));
        Assert.Null(config.Scalar("power_state"));
        Assert.DoesNotContain("config.txt", userData, StringComparison.Ordinal);
        Assert.DoesNotContain("i2c", userData, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedUnit_LoadsNoCredentialAndReadsNoEnvironmentFile()
    {
        // A LoadCredential= whose file is missing fails the unit on systemd 252: the shipped unit must start
        // for an anonymous broker, so every credential line lives in flash's or Ansible's drop-in.
        var settings = PiSystemFiles.All().Single(f => f.Path == PiSystemFiles.NodeUnitPath).Content.Split('\n').Where(l => !l.StartsWith('#')).ToList();

        Assert.DoesNotContain(settings, l => l.StartsWith("LoadCredential", StringComparison.Ordinal));
        Assert.DoesNotContain(settings, l => l.StartsWith("EnvironmentFile", StringComparison.Ordinal));
        Assert.Contains("User=pineurons", settings);
    }

    [Fact]
    public void NodeMqttLogin_ToString_HidesPassword() =>
        Assert.DoesNotContain("hunter2", new NodeMqttLogin("pi-x", "hunter2").ToString(), StringComparison.Ordinal);

    [Fact]
    public void NetworkConfig_HoldsSsidPasswordAndCountry_Quoted()
    {
        var network = NetworkConfigGenerator.Generate(Wifi);

        Assert.Contains("version: 2", network, StringComparison.Ordinal);
        Assert.Contains("\"lab: #1 \\\"east\\\"\":", network, StringComparison.Ordinal);
        Assert.Contains("password: \"correct horse battery\"", network, StringComparison.Ordinal);
        Assert.Contains("regulatory-domain: \"GB\"", network, StringComparison.Ordinal);
    }

    [Fact]
    public void WifiSettings_ToString_HidesPassword() =>
        Assert.DoesNotContain(Wifi.Password, Wifi.ToString(), StringComparison.Ordinal);

    [Fact]
    public void MetaData_NamesInstanceAndHost() =>
        Assert.Equal("instance-id: \"pineurons-pi-z\"\nlocal-hostname: \"pi-z\"\n", MetaDataGenerator.Generate("pi-z"));

    [Theory]
    [InlineData(" starts with a space\n")]
    [InlineData("two trailing newlines\n\n")]
    [InlineData("a bell \a here\n")]
    public void UserData_FileALiteralBlockCannotCarry_IsBase64(string manifest)
    {
        var settings = FlashScratch.Settings() with { ManifestText = manifest };

        var userData = UserDataGenerator.Generate(settings);

        Assert.Contains("encoding: b64", userData, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(manifest)), userData, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_EscapesQuotesBackslashesAndControls() =>
        Assert.Equal("\"a\\\"b\\\\c\\nd\\x01\"", YamlText.Quote("a\"b\\c\nd\u0001"));
}
