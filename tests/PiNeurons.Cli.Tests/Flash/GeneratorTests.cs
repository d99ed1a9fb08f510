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
        Assert.Contains("      ExecStart=/opt/pineurons/PiNeurons.Node --manifest /etc/pineurons/cluster.yaml --gpio auto", userData, StringComparison.Ordinal);
        Assert.Contains("useradd --system --no-create-home --shell /usr/sbin/nologin --groups gpio pineurons", userData, StringComparison.Ordinal);
        Assert.Contains("[tar, --no-same-owner, -xzf, /boot/firmware/pineurons-node.tar.gz, -C, /opt/pineurons]", userData, StringComparison.Ordinal);
        Assert.Contains("[systemctl, enable, --now, pineurons-node.service]", userData, StringComparison.Ordinal);
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
        // Without the unit, whose comments name the optional password file.
        var userData = UserDataGenerator.Generate(FlashScratch.Settings() with { UnitText = "[Unit]\n" });

        Assert.DoesNotContain(Wifi.Password, userData, StringComparison.Ordinal);
        Assert.DoesNotContain("passwd:", userData.Replace("lock_passwd:", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("password", userData, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("lock_passwd: true", userData, StringComparison.Ordinal);
    }

    [Fact]
    public void UserData_WithMqttLogin_InstallsPasswordForTheNodeUserAndNodeEnv()
    {
        var settings = FlashScratch.Settings() with { MqttLogin = new NodeMqttLogin("pi-h1", "mqtt secret #1") };

        var userData = UserDataGenerator.Generate(settings);

        Assert.Contains("  - path: /etc/pineurons/mqtt-password\n    owner: \"root:root\"\n    permissions: \"0600\"\n    content: |\n      mqtt secret #1\n", userData, StringComparison.Ordinal);
        Assert.Contains("  - path: /etc/pineurons/node.env\n    owner: \"root:root\"\n    permissions: \"0644\"\n    content: |\n"
            + "      PINEURONS_USERNAME=pi-h1\n      PINEURONS_PASSWORD_FILE=/etc/pineurons/mqtt-password\n", userData, StringComparison.Ordinal);
        // The group exists only once useradd has run; the node must read the file before it starts.
        var useradd = userData.IndexOf("useradd --system", StringComparison.Ordinal);
        var chown = userData.IndexOf("  - [chown, \"root:pineurons\", /etc/pineurons/mqtt-password]", StringComparison.Ordinal);
        var chmod = userData.IndexOf("  - [chmod, \"0640\", /etc/pineurons/mqtt-password]", StringComparison.Ordinal);
        var start = userData.IndexOf("[systemctl, enable, --now, pineurons-node.service]", StringComparison.Ordinal);
        Assert.True(useradd < chown && chown < chmod && chmod < start, userData);
    }

    [Fact]
    public void UserData_WithoutMqttLogin_HasNoCredentialFiles()
    {
        var userData = UserDataGenerator.Generate(FlashScratch.Settings() with { UnitText = "[Unit]\n" });

        Assert.DoesNotContain("path: /etc/pineurons/mqtt-password", userData, StringComparison.Ordinal);
        Assert.DoesNotContain("path: /etc/pineurons/node.env", userData, StringComparison.Ordinal);
        Assert.DoesNotContain("chown", userData, StringComparison.Ordinal);
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
