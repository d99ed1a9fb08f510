using PiNeurons.Core;
using PiNeurons.Testing;
using PiNeurons.Cli.Tests.Commands;

namespace PiNeurons.Cli.Tests.Flash;

public class FlashCommandTests
{
    [Fact]
    public async Task Flash_InvalidManifest_UsageErrorNamesTheField()
    {
        using var scratch = new FlashScratch();
        var manifest = scratch.Write("bad.yaml", "version: 1\nhosts:\n  pi-a:\n    neurons:\n      a:\n        threshold: \"0.9\"\n        ledd: { pin: 17 }\n");
        var key = scratch.Write("k.pub", FlashScratch.TestKey());

        var result = await CliRun.RunAsync("flash", "--manifest", manifest, "--node", "pi-a", "--ssh-key", key, "--no-bundle", "--out", Path.Combine(scratch.Root, "o"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("is not a valid manifest", result.Error, StringComparison.Ordinal);
        Assert.Contains("threshold", result.Error, StringComparison.Ordinal);
        Assert.Contains("ledd", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(scratch.Root, "o")));
    }

    [Fact]
    public async Task Flash_UnknownNode_UsageErrorListsHosts()
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("k.pub", FlashScratch.TestKey());

        var result = await CliRun.RunAsync("flash", "--manifest", FlashScratch.XorManifest, "--node", "pi-q", "--ssh-key", key, "--no-bundle", "--out", scratch.Root);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--node 'pi-q' is not a host of", result.Error, StringComparison.Ordinal);
        Assert.Contains("pi-x, pi-y, pi-h1, pi-h2, pi-h3, pi-z", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flash_WifiPasswordOnCommandLine_Refused()
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("k.pub", FlashScratch.TestKey());

        var result = await CliRun.RunAsync("flash", "--manifest", FlashScratch.XorManifest, "--node", "pi-x", "--ssh-key", key, "--no-bundle",
            "--wifi-ssid", "lab", "--wifi-country", "GB", "--wifi-password", "hunter2hunter2", "--out", Path.Combine(scratch.Root, "o"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--wifi-password is refused", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2hunter2", result.Error + result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(scratch.Root, "o")));
    }

    [Fact]
    public async Task Flash_NoBundleOption_UsageErrorSaysHowToPublish()
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("k.pub", FlashScratch.TestKey());

        var result = await CliRun.RunAsync("flash", "--manifest", FlashScratch.XorManifest, "--node", "pi-x", "--ssh-key", key, "--out", scratch.Root);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("make the bundle with: deploy/publish-node.sh (NativeAOT for linux-arm64, into out/arm64)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flash_BundleWithoutVersion_UsageErrorSaysHowToPublish()
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("k.pub", FlashScratch.TestKey());
        var bundle = Directory.CreateDirectory(Path.Combine(scratch.Root, "old-bundle")).FullName;
        await File.WriteAllTextAsync(Path.Combine(bundle, "PiNeurons.Node"), "#!/bin/sh\n");

        var result = await CliRun.RunAsync("flash", "--manifest", FlashScratch.XorManifest, "--node", "pi-x", "--ssh-key", key, "--bundle", bundle, "--out", Path.Combine(scratch.Root, "o"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"--bundle {bundle}: no VERSION file, which names the release on the Pi", result.Error, StringComparison.Ordinal);
        Assert.Contains("deploy/publish-node.sh", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flash_PrivateKeyGiven_UsageError()
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\nxx\n-----END OPENSSH PRIVATE KEY-----\n");

        var result = await CliRun.RunAsync("flash", "--manifest", FlashScratch.XorManifest, "--node", "pi-x", "--ssh-key", key, "--no-bundle", "--out", scratch.Root);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("private key", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flash_WifiPrompt_UsedWhenNoPasswordFile()
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("k.pub", FlashScratch.TestKey());
        var output = new LineWriter();
        var error = new LineWriter();
        var root = new System.CommandLine.RootCommand();
        root.Subcommands.Add(PiNeurons.Cli.Flash.FlashCommand.Create((_, ssid) => ssid == "lab" ? "typed in secret" : "wrong"));
        var outDir = Path.Combine(scratch.Root, "o");

        var code = await root.Parse(["flash", "--manifest", FlashScratch.XorManifest, "--node", "pi-x", "--ssh-key", key, "--no-bundle",
            "--wifi-ssid", "lab", "--wifi-country", "GB", "--out", outDir]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });

        Assert.True(code == 0, error.Text);
        Assert.Contains("password: \"typed in secret\"", await File.ReadAllTextAsync(Path.Combine(outDir, "network-config")), StringComparison.Ordinal);
        Assert.DoesNotContain("typed in secret", await File.ReadAllTextAsync(Path.Combine(outDir, "user-data")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flash_All_OneFolderPerHost()
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("k.pub", FlashScratch.TestKey());
        var outDir = Path.Combine(scratch.Root, "cards");

        var result = await CliRun.RunAsync("flash", "--manifest", FlashScratch.XorManifest, "--all", "--ssh-key", key, "--no-bundle", "--out", outDir);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var host in new[] { "pi-x", "pi-y", "pi-h1", "pi-h2", "pi-h3", "pi-z" })
        {
            Assert.Contains($"hostname: \"{host}\"", await File.ReadAllTextAsync(Path.Combine(outDir, host, "user-data")), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(outDir, host, "meta-data")));
            Assert.False(File.Exists(Path.Combine(outDir, host, "network-config")), "no Wi-Fi asked for, so the image's own network-config stays");
        }
    }

    [Fact]
    public async Task Flash_AllWithMqttPasswordDir_EachHostGetsItsOwnLoginInAPrivateUserData()
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("k.pub", FlashScratch.TestKey());
        var passwords = Directory.CreateDirectory(Path.Combine(scratch.Root, "mqtt")).FullName;
        string[] hosts = ["pi-x", "pi-y", "pi-h1", "pi-h2", "pi-h3", "pi-z"];
        foreach (var host in hosts)
        {
            await File.WriteAllTextAsync(Path.Combine(passwords, host), $"pw-of-{host}\n");
        }

        var outDir = Path.Combine(scratch.Root, "cards");
        var result = await CliRun.RunAsync("flash", "--manifest", FlashScratch.XorManifest, "--all", "--ssh-key", key, "--no-bundle",
            "--mqtt-password-dir", passwords, "--insecure", "--out", outDir);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var host in hosts)
        {
            var path = Path.Combine(outDir, host, "user-data");
            var userData = await File.ReadAllTextAsync(path);
            Assert.Contains($"      pw-of-{host}\n", userData, StringComparison.Ordinal);
            Assert.Equal(
                ["[Service]", "LoadCredential=mqtt-password:/etc/pineurons/credentials/mqtt-password", $"Environment=PINEURONS_USERNAME={host}",
                 "Environment=PINEURONS_PASSWORD_FILE=%d/mqtt-password", "Environment=PINEURONS_INSECURE=true"],
                CloudConfig.Parse(userData).DropInLines("/etc/systemd/system/pineurons-node.service.d/credentials.conf"));
            Assert.Equal($"pw-of-{host}\n", CloudConfig.Parse(userData).Files["/etc/pineurons/credentials/mqtt-password"].Content);
            // Its own password only: no other host's.
            Assert.Equal(1, userData.Split("pw-of-").Length - 1);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }

        Assert.DoesNotContain("pw-of-", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flash_MqttPasswordFileAndUsername_UsesThatUser()
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("k.pub", FlashScratch.TestKey());
        var password = scratch.Write("mqtt.txt", "node-secret\n");
        var outDir = Path.Combine(scratch.Root, "o");

        var result = await CliRun.RunAsync("flash", "--manifest", FlashScratch.XorManifest, "--node", "pi-z", "--ssh-key", key, "--no-bundle",
            "--mqtt-username", "shared-node", "--mqtt-password-file", password, "--ca-file", CaFile(scratch), "--out", outDir);

        Assert.True(result.ExitCode == 0, result.ToString());
        var userData = await File.ReadAllTextAsync(Path.Combine(outDir, "user-data"));
        var config = CloudConfig.Parse(userData);
        Assert.Equal("node-secret\n", config.Files["/etc/pineurons/credentials/mqtt-password"].Content);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----\n", config.Files["/etc/pineurons/credentials/ca.crt"].Content, StringComparison.Ordinal);
        Assert.Equal(
            ["[Service]", "LoadCredential=mqtt-password:/etc/pineurons/credentials/mqtt-password", "LoadCredential=ca.crt:/etc/pineurons/credentials/ca.crt",
             "Environment=PINEURONS_USERNAME=shared-node", "Environment=PINEURONS_PASSWORD_FILE=%d/mqtt-password", "Environment=PINEURONS_CA_FILE=%d/ca.crt"],
            config.DropInLines("/etc/systemd/system/pineurons-node.service.d/credentials.conf"));
    }

    [Fact]
    public async Task Flash_PasswordForAPlainMqttBrokerWithoutInsecure_UsageErrorSaysUseTlsOrInsecure()
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("k.pub", FlashScratch.TestKey());
        var password = scratch.Write("mqtt.txt", "node-secret\n");

        var result = await CliRun.RunAsync("flash", "--manifest", scratch.PlainManifest(), "--node", "pi-z", "--ssh-key", key, "--no-bundle",
            "--mqtt-password-file", password, "--out", Path.Combine(scratch.Root, "o"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("refusing to send the MQTT password in clear text to mqtt://pi-broker.local:1883", result.Error, StringComparison.Ordinal);
        Assert.Contains("use mqtts:// with the cluster CA (--ca-file), or add --insecure", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(scratch.Root, "o")));
    }

    [Fact]
    public async Task Flash_CaFileForAPlainMqttBroker_UsageError()
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("k.pub", FlashScratch.TestKey());

        var result = await CliRun.RunAsync("flash", "--manifest", scratch.PlainManifest(), "--node", "pi-z", "--ssh-key", key, "--no-bundle",
            "--ca-file", CaFile(scratch), "--out", Path.Combine(scratch.Root, "o"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--ca-file: the manifest's broker mqtt://pi-broker.local:1883 is plain MQTT", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flash_CaFileThatIsNoCertificate_UsageErrorNamesIt()
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("k.pub", FlashScratch.TestKey());
        var junk = scratch.Write("ca.crt", "hello");

        var result = await CliRun.RunAsync("flash", "--manifest", FlashScratch.XorManifest, "--node", "pi-z", "--ssh-key", key, "--no-bundle",
            "--ca-file", junk, "--out", Path.Combine(scratch.Root, "o"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"--ca-file: {junk} is not a PEM certificate", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flash_ShippedManifestWithoutLogins_WritesTheCardAndWarnsOfTheMissingCaAndLogin()
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("k.pub", FlashScratch.TestKey());
        var outDir = Path.Combine(scratch.Root, "o");

        var result = await CliRun.RunAsync("flash", "--manifest", FlashScratch.XorManifest, "--node", "pi-z", "--ssh-key", key, "--no-bundle", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.True(File.Exists(Path.Combine(outDir, "user-data")));
        Assert.Contains("flash: warning: the manifest's broker mqtts://pi-broker.local:8883 is TLS and the node gets no CA", result.Error, StringComparison.Ordinal);
        Assert.Contains("flash: warning: the node logs in to mqtts://pi-broker.local:8883 as nobody", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flash_PasswordForTheCertificateListener_WarnsThatPasswordsGoTo8883()
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("k.pub", FlashScratch.TestKey());
        var manifest = scratch.Write("xor-8884.yaml", File.ReadAllText(FlashScratch.XorManifest)
            .Replace("broker: mqtts://pi-broker.local:8883", "broker: mqtts://pi-broker.local:8884", StringComparison.Ordinal));

        var result = await CliRun.RunAsync("flash", "--manifest", manifest, "--node", "pi-z", "--ssh-key", key, "--no-bundle",
            "--mqtt-password-file", scratch.Write("mqtt.txt", "node-secret\n"), "--ca-file", CaFile(scratch), "--out", Path.Combine(scratch.Root, "o"));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(["flash: warning: port 8884 is the shipped broker's certificate listener, which asks for a client certificate, not a password: "
            + "password logins go to mqtts://pi-broker.local:8883"], result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string CaFile(FlashScratch scratch) =>
        TestCertificates.CreateCa(Directory.CreateDirectory(Path.Combine(scratch.Root, "ca")).FullName).CaFile;

    [Fact]
    public async Task Flash_MqttPasswordDirMissingAHost_UsageErrorNamesIt()
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("k.pub", FlashScratch.TestKey());
        var passwords = Directory.CreateDirectory(Path.Combine(scratch.Root, "mqtt")).FullName;
        await File.WriteAllTextAsync(Path.Combine(passwords, "pi-x"), "only-x\n");

        var result = await CliRun.RunAsync("flash", "--manifest", FlashScratch.XorManifest, "--all", "--ssh-key", key, "--no-bundle",
            "--mqtt-password-dir", passwords, "--out", Path.Combine(scratch.Root, "o"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("no password file for pi-y, pi-h1, pi-h2, pi-h3, pi-z", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(scratch.Root, "o")));
    }

    [Theory]
    [InlineData("--mqtt-password", "hunter2hunter2", "--mqtt-password is refused")]
    [InlineData("--mqtt-username", "pi-x", "--mqtt-username needs the node's password")]
    [InlineData("--mqtt-password-file", "/nonexistent/mqtt.txt", "--mqtt-password-file: cannot read /nonexistent/mqtt.txt")]
    public async Task Flash_BadMqttLogin_UsageErrorWithoutWriting(string option, string value, string expected)
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("k.pub", FlashScratch.TestKey());

        var result = await CliRun.RunAsync("flash", "--manifest", FlashScratch.XorManifest, "--node", "pi-x", "--ssh-key", key, "--no-bundle",
            option, value, "--out", Path.Combine(scratch.Root, "o"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2hunter2", result.Error + result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(scratch.Root, "o")));
    }

    [Fact]
    public async Task Flash_AllWithImage_UsageError()
    {
        using var scratch = new FlashScratch();
        var key = scratch.Write("k.pub", FlashScratch.TestKey());

        var result = await CliRun.RunAsync("flash", "--manifest", FlashScratch.XorManifest, "--all", "--ssh-key", key, "--no-bundle", "--image", Path.Combine(scratch.Root, "x.img"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--image flashes one node", result.Error, StringComparison.Ordinal);
    }
}
