using PiNeurons.Core;
using PiNeurons.Testing;
using PiNeurons.Cli.Flash;

namespace PiNeurons.Cli.Tests.Flash;

/// <summary>
/// The boot files checked by the programs that will read them: a strict cloud-init (Debian sid's, which
/// refuses unknown keys; Debian 12's 22.4 does not) and netplan for the Wi-Fi network-config.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class StrictValidationTests
{
    private const string Setup = "run " + FlashScratch.SetupScript + " first (as root; it installs netplan.io and unpacks a strict cloud-init)";

    [Fact]
    public async Task UserData_PassesStrictCloudInitSchema()
    {
        using var scratch = new FlashScratch();
        var file = scratch.Write("user-data", UserDataGenerator.Generate(FlashScratch.Settings()));

        var (code, output, error) = await CloudInitSchemaAsync(file);

        Assert.True(code == 0, $"cloud-init schema refused the user-data:\n{output}\n{error}");
    }

    [Fact]
    public async Task UserData_NoBundleAndBase64Files_PassStrictCloudInitSchema()
    {
        using var scratch = new FlashScratch();
        var settings = FlashScratch.Settings(bundle: false) with { ManifestText = " leading space\n", Packages = [] };
        var file = scratch.Write("user-data", UserDataGenerator.Generate(settings));

        var (code, output, error) = await CloudInitSchemaAsync(file);

        Assert.True(code == 0, $"cloud-init schema refused the user-data:\n{output}\n{error}");
    }

    [Fact]
    public async Task UserData_WithMqttLogin_PassesStrictCloudInitSchema()
    {
        using var scratch = new FlashScratch();
        var settings = FlashScratch.Settings() with { MqttLogin = new NodeMqttLogin("pi-h1", " leading space: is b64") };
        var file = scratch.Write("user-data", UserDataGenerator.Generate(settings));

        var (code, output, error) = await CloudInitSchemaAsync(file);

        Assert.True(code == 0, $"cloud-init schema refused the user-data:\n{output}\n{error}");
    }

    [Fact]
    public async Task UserData_WithSeveralNeuronLoginsAndCa_PassesStrictCloudInitSchema()
    {
        using var scratch = new FlashScratch();
        var settings = FlashScratch.Settings() with
        {
            NeuronLogins = [new NodeMqttLogin("h1", "pw-of-h1"), new NodeMqttLogin("h1_b-2", " leading space: is b64")],
            CaCertificatePem = File.ReadAllText(TestCertificates.CreateCa(scratch.Root).CaFile),
        };
        var file = scratch.Write("user-data", UserDataGenerator.Generate(settings));

        var (code, output, error) = await CloudInitSchemaAsync(file);

        Assert.True(code == 0, $"cloud-init schema refused the user-data:\n{output}\n{error}");
    }

    [Fact]
    public async Task UserData_FlashedWithSecretsFolder_PassesStrictCloudInitSchema()
    {
        using var scratch = new FlashScratch();
        var manifest = FlashScratch.XorManifest;
        var secrets = await FlashSecretsTests.SecretsAsync(manifest, scratch.Root);
        var outDir = Path.Combine(scratch.Root, "o");
        var flashed = await Commands.CliRun.RunAsync("flash", "--manifest", manifest, "--node", "pi-h2", "--ssh-key", scratch.Write("k.pub", FlashScratch.TestKey()),
            "--no-bundle", "--secrets", secrets, "--out", outDir);
        Assert.True(flashed.ExitCode == ExitCodes.Ok, flashed.ToString());

        var (code, output, error) = await CloudInitSchemaAsync(Path.Combine(outDir, "user-data"));

        Assert.True(code == 0, $"cloud-init schema refused the user-data:\n{output}\n{error}");
    }

    [Fact]
    public async Task Flash_RoomYaml_CardEnablesI2cAndPassesStrictCloudInitSchema()
    {
        using var scratch = new FlashScratch();

        var (config, userData) = await FlashAsync(scratch, FlashScratch.RepoFile("firmware-config/room.yaml"), "pi-room");

        Assert.Equal("true", config.Scalar("rpi", "interfaces", "i2c"));
        Assert.Contains("DeviceAllow=char-i2c rw", config.DropInLines(BootInterfaces.DropInPath));
        var (code, output, error) = await CloudInitSchemaAsync(userData);
        Assert.True(code == 0, $"cloud-init schema refused the user-data:\n{output}\n{error}");
    }

    [Fact]
    public async Task Flash_Ds18b20AndHardwarePwmLed_CardAppendsTheirOverlaysAndPassesStrictCloudInitSchema()
    {
        using var scratch = new FlashScratch();

        var (config, userData) = await FlashAsync(scratch, scratch.Write("wired.yaml", BootInterfacesTests.WiredManifest), "pi-w");

        Assert.Null(config.Scalar("rpi"));
        var lines = config.Files[UserDataGenerator.BootConfigPath].Content.Split('\n');
        Assert.Contains("dtoverlay=w1-gpio,gpiopin=17", lines);
        Assert.Contains("dtoverlay=pwm-2chan,pin=18,func=2,pin2=13,func2=4", lines);
        Assert.True(config.IndexOf("sh", "-c", $"cat {UserDataGenerator.BootConfigPath} >> /boot/firmware/config.txt") >= 0);
        Assert.Equal("reboot", config.Scalar("power_state", "mode"));
        var (code, output, error) = await CloudInitSchemaAsync(userData);
        Assert.True(code == 0, $"cloud-init schema refused the user-data:\n{output}\n{error}");
    }

    [Fact]
    public async Task Flash_XorYaml_CardEnablesNoBus()
    {
        using var scratch = new FlashScratch();

        var (config, userData) = await FlashAsync(scratch, FlashScratch.XorManifest, "pi-h2");

        Assert.Null(config.Scalar("rpi"));
        Assert.Null(config.Scalar("power_state"));
        Assert.DoesNotContain(UserDataGenerator.BootConfigPath, config.Files.Keys);
        Assert.DoesNotContain(BootInterfaces.DropInPath, config.Files.Keys);
        var (code, output, error) = await CloudInitSchemaAsync(userData);
        Assert.True(code == 0, $"cloud-init schema refused the user-data:\n{output}\n{error}");
    }

    // Flashes one node with no login (a warning at most) and returns its user-data, parsed and as a file.
    private static async Task<(CloudConfig Config, string UserData)> FlashAsync(FlashScratch scratch, string manifest, string node)
    {
        var outDir = Path.Combine(scratch.Root, "o-" + node);
        var flashed = await Commands.CliRun.RunAsync("flash", "--manifest", manifest, "--node", node, "--ssh-key", scratch.Write("k.pub", FlashScratch.TestKey()),
            "--no-bundle", "--out", outDir);
        Assert.True(flashed.ExitCode == ExitCodes.Ok, flashed.ToString());
        var userData = Path.Combine(outDir, "user-data");
        return (CloudConfig.Parse(await File.ReadAllTextAsync(userData)), userData);
    }

    [Fact]
    public async Task StrictCloudInit_RefusesUnknownKey()
    {
        // Proves the validator is the strict one: Debian 12's cloud-init would pass this.
        using var scratch = new FlashScratch();
        var file = scratch.Write("user-data", UserDataGenerator.Generate(FlashScratch.Settings()) + "bogus_key: 1\n");

        var (code, output, error) = await CloudInitSchemaAsync(file);

        Assert.NotEqual(0, code);
        Assert.Contains("bogus_key", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NetworkConfig_WithWifi_PassesNetplanGenerate()
    {
        var netplan = Tool.Require("netplan", Setup);
        using var scratch = new FlashScratch();
        var etc = Directory.CreateDirectory(Path.Combine(scratch.Root, "etc", "netplan")).FullName;
        var yaml = Path.Combine(etc, "50-cloud-init.yaml");
        await File.WriteAllTextAsync(yaml, NetworkConfigGenerator.Generate(new WifiSettings("lab: #1 \"east\"", "correct horse battery", "GB")));
        File.SetUnixFileMode(yaml, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (code, output, error) = await Tool.RunAsync(netplan, ["generate", "--root-dir", scratch.Root]);

        Assert.True(code == 0, $"netplan generate refused the network-config:\n{output}\n{error}");
        var wpa = await File.ReadAllTextAsync(Path.Combine(scratch.Root, "run", "netplan", "wpa-wlan0.conf"));
        // The quoted YAML came through as the exact SSID and password (netplan 0.106 writes them unescaped).
        Assert.Contains("ssid=\"lab: #1 \"east\"\"", wpa, StringComparison.Ordinal);
        Assert.Contains("psk=\"correct horse battery\"", wpa, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> CloudInitSchemaAsync(string file)
    {
        var dir = Environment.GetEnvironmentVariable("PINEURONS_CLOUD_INIT_DIR") is { Length: > 0 } env ? env : "/opt/cloud-init-strict";
        var packages = Path.Combine(dir, "usr", "lib", "python3", "dist-packages");
        if (!Directory.Exists(Path.Combine(packages, "cloudinit")))
        {
            throw new Xunit.Sdk.XunitException($"the strict cloud-init is missing (no {packages}/cloudinit): {Setup}");
        }

        // Debian's python3, not a pyenv one on PATH: the cloud-init deps are installed for it.
        return await Tool.RunAsync("/usr/bin/python3", ["-m", "cloudinit.cmd.main", "schema", "--config-file", file], new Dictionary<string, string> { ["PYTHONPATH"] = packages });
    }
}
