using PiNeurons.Core;
using PiNeurons.Cli.Tests.Commands;

namespace PiNeurons.Cli.Tests.Flash;

/// <summary>
/// <c>flash --secrets DIR</c> on the real output of <c>pineurons secrets</c>: each Pi gets the passwords of the
/// neurons it hosts (each neuron logs in as itself, as the broker's rules want), never another Pi's, and the CA.
/// </summary>
public sealed class FlashSecretsTests : IDisposable
{
    private static readonly Dictionary<string, string> NeuronOf = new(StringComparer.Ordinal)
    {
        ["pi-x"] = "x", ["pi-y"] = "y", ["pi-h1"] = "h1", ["pi-h2"] = "h2", ["pi-h3"] = "h3", ["pi-z"] = "z",
    };

    private readonly FlashScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Flash_AllWithSecrets_EachHostGetsOnlyItsNeuronsPasswordAndTheCa()
    {
        var manifest = FlashScratch.XorManifest;
        var secrets = await SecretsAsync(manifest, _scratch.Root);
        var outDir = Path.Combine(_scratch.Root, "cards");

        var result = await FlashAsync(manifest, "--all", "--secrets", secrets, "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var passwords = Directory.GetFiles(Path.Combine(secrets, "passwords")).ToDictionary(f => Path.GetFileName(f), f => File.ReadLines(f).First(), StringComparer.Ordinal);
        var caLine = File.ReadLines(Path.Combine(secrets, "ca.crt")).Skip(1).First();
        foreach (var (host, neuron) in NeuronOf)
        {
            var path = Path.Combine(outDir, host, "user-data");
            var userData = await File.ReadAllTextAsync(path);
            var config = CloudConfig.Parse(userData);
            // Its neuron's password and the CA, root-only; nothing else under the credentials folder.
            Assert.Equal(new WrittenFile("root:root", "0600", passwords[neuron] + "\n"), config.Files[$"/etc/pineurons/credentials/{neuron}"]);
            Assert.Equal(("root:root", "0600"), (config.Files["/etc/pineurons/credentials/ca.crt"].Owner, config.Files["/etc/pineurons/credentials/ca.crt"].Permissions));
            Assert.Contains(caLine, config.Files["/etc/pineurons/credentials/ca.crt"].Content, StringComparison.Ordinal);
            Assert.Equal(new HashSet<string>([$"/etc/pineurons/credentials/{neuron}", "/etc/pineurons/credentials/ca.crt"], StringComparer.Ordinal),
                config.Files.Keys.Where(p => p.StartsWith("/etc/pineurons/credentials/", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal));
            foreach (var (user, password) in passwords.Where(p => p.Key != neuron))
            {
                Assert.False(userData.Contains(password, StringComparison.Ordinal), $"{host}'s user-data holds the password of {user}");
            }

            // The node finds each neuron's password as %d/<neuron id> and the CA as %d/ca.crt.
            Assert.Equal(
                ["[Service]", $"LoadCredential={neuron}:/etc/pineurons/credentials/{neuron}", "LoadCredential=ca.crt:/etc/pineurons/credentials/ca.crt",
                 "Environment=PINEURONS_PASSWORD_DIR=%d", "Environment=PINEURONS_CA_FILE=%d/ca.crt"],
                config.DropInLines("/etc/systemd/system/pineurons-node.service.d/credentials.conf"));
            Assert.True(config.IndexOf("chmod", "0700", "/etc/pineurons/credentials") >= 0, userData);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }

        Assert.DoesNotContain(passwords.Values, p => (result.Output + result.Error).Contains(p, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--mqtt-password-dir")]
    [InlineData("--ca-file")]
    [InlineData("--mqtt-username")]
    public async Task Flash_SecretsWithAnOptionItReplaces_UsageErrorNamingIt(string option)
    {
        var manifest = FlashScratch.XorManifest;
        var secrets = await SecretsAsync(manifest, _scratch.Root);

        var result = await FlashAsync(manifest, "--all", "--secrets", secrets, option, Path.Combine(secrets, "ca.crt"), "--out", Path.Combine(_scratch.Root, "o"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--secrets gives every neuron's login and the CA itself: leave out --mqtt-username, --mqtt-password-file, --mqtt-password-dir, --ca-file", result.Error, StringComparison.Ordinal);
        Assert.Contains($"(given: {option})", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_scratch.Root, "o")));
    }

    [Fact]
    public async Task Flash_SecretsMissingANeuronsPassword_UsageErrorNamesTheFileAndSaysRerunSecrets()
    {
        var manifest = FlashScratch.XorManifest;
        var secrets = await SecretsAsync(manifest, _scratch.Root);
        var missing = Path.Combine(secrets, "passwords", "z");
        File.Delete(missing);

        var result = await FlashAsync(manifest, "--all", "--secrets", secrets, "--out", Path.Combine(_scratch.Root, "o"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"--secrets: no password for neuron z of host pi-z ({missing} is missing); rerun pineurons secrets", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_scratch.Root, "o")));
    }

    [Fact]
    public async Task Flash_SecretsWithAMalformedDynamicSecurityFile_UsageErrorNamesItAndSaysRerunSecrets()
    {
        var manifest = FlashScratch.XorManifest;
        var secrets = await SecretsAsync(manifest, _scratch.Root);
        var file = Path.Combine(secrets, "dynamic-security.json");
        await File.WriteAllTextAsync(file, "{\"clients\": [");

        var result = await FlashAsync(manifest, "--all", "--secrets", secrets, "--out", Path.Combine(_scratch.Root, "o"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"--secrets: {file} is not the dynamic-security file of pineurons secrets", result.Error, StringComparison.Ordinal);
        Assert.Contains("rerun pineurons secrets", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_scratch.Root, "o")));
    }

    [Fact]
    public async Task Flash_SecretsWithAPlainMqttBrokerWithoutInsecure_UsageErrorSaysUseTlsOrInsecure()
    {
        var manifest = _scratch.PlainManifest();
        var secrets = await SecretsAsync(manifest, _scratch.Root);

        var result = await FlashAsync(manifest, "--node", "pi-z", "--secrets", secrets, "--out", Path.Combine(_scratch.Root, "o"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("refusing to send the MQTT password in clear text to mqtt://pi-broker.local:1883", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flash_SecretsWithAPlainMqttBrokerAndInsecure_InstallsPasswordsButNoCa()
    {
        var manifest = _scratch.PlainManifest();
        var secrets = await SecretsAsync(manifest, _scratch.Root);
        var outDir = Path.Combine(_scratch.Root, "o");

        var result = await FlashAsync(manifest, "--node", "pi-z", "--secrets", secrets, "--insecure", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var userData = await File.ReadAllTextAsync(Path.Combine(outDir, "user-data"));
        var config = CloudConfig.Parse(userData);
        Assert.Equal(
            ["[Service]", "LoadCredential=z:/etc/pineurons/credentials/z", "Environment=PINEURONS_PASSWORD_DIR=%d", "Environment=PINEURONS_INSECURE=true"],
            config.DropInLines("/etc/systemd/system/pineurons-node.service.d/credentials.conf"));
        // The node refuses --ca-file with a plain mqtt:// broker: installing the CA would stop it on the Pi.
        Assert.DoesNotContain(config.Files.Keys, p => p.EndsWith("ca.crt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Flash_AllWithCertificateSecrets_EachHostGetsItsNeuronsCertificateAndKeyAndTheCertificateListener()
    {
        var manifest = FlashScratch.XorManifest;
        var secrets = await SecretsAsync(manifest, _scratch.Root, "--auth", "certificate");
        var outDir = Path.Combine(_scratch.Root, "cards");

        var result = await FlashAsync(manifest, "--all", "--secrets", secrets, "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var keys = NeuronOf.Values.ToDictionary(n => n, n => File.ReadAllText(Path.Combine(secrets, "clients", n + ".key")), StringComparer.Ordinal);
        foreach (var (host, neuron) in NeuronOf)
        {
            var userData = await File.ReadAllTextAsync(Path.Combine(outDir, host, "user-data"));
            var config = CloudConfig.Parse(userData);
            Assert.Equal(new WrittenFile("root:root", "0600", File.ReadAllText(Path.Combine(secrets, "clients", neuron + ".crt"))),
                config.Files[$"/etc/pineurons/credentials/{neuron}.crt"]);
            Assert.Equal(new WrittenFile("root:root", "0600", keys[neuron]), config.Files[$"/etc/pineurons/credentials/{neuron}.key"]);
            Assert.DoesNotContain(config.Files.Keys, p => p == $"/etc/pineurons/credentials/{neuron}");
            foreach (var (other, key) in keys.Where(k => k.Key != neuron))
            {
                Assert.False(userData.Contains(key, StringComparison.Ordinal), $"{host}'s user-data holds the key of {other}");
            }

            // The node presents %d/<id>.crt on the broker's certificate listener, on the manifest's broker host.
            Assert.Equal(
                ["[Service]", $"LoadCredential={neuron}.crt:/etc/pineurons/credentials/{neuron}.crt",
                 $"LoadCredential={neuron}.key:/etc/pineurons/credentials/{neuron}.key", "LoadCredential=ca.crt:/etc/pineurons/credentials/ca.crt",
                 "Environment=PINEURONS_CERT_DIR=%d", "Environment=PINEURONS_BROKER=mqtts://pi-broker.local:8884", "Environment=PINEURONS_CA_FILE=%d/ca.crt"],
                config.DropInLines("/etc/systemd/system/pineurons-node.service.d/credentials.conf"));
        }

        Assert.DoesNotContain(keys.Values, k => (result.Output + result.Error).Contains(k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Flash_SecretsSwitchedFromPasswordsToCertificates_InstallsTheCertificatesNotTheStalePasswords()
    {
        var manifest = FlashScratch.XorManifest;
        var secrets = await SecretsAsync(manifest, _scratch.Root);
        var again = await CliRun.RunAsync("secrets", "--manifest", manifest, "--out", secrets, "--auth", "certificate",
            "--ca-cert", Path.Combine(secrets, "ca.crt"), "--ca-key", Path.Combine(secrets, "ca.key"), "--force");
        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
        Assert.True(File.Exists(Path.Combine(secrets, "passwords", "z")), "the earlier run's password files are still there");
        var outDir = Path.Combine(_scratch.Root, "o");

        var result = await FlashAsync(manifest, "--node", "pi-z", "--secrets", secrets, "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var config = CloudConfig.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "user-data")));
        Assert.Equal(
            ["/etc/pineurons/credentials/ca.crt", "/etc/pineurons/credentials/z.crt", "/etc/pineurons/credentials/z.key"],
            config.Files.Keys.Where(p => p.StartsWith("/etc/pineurons/credentials/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Flash_CertificateSecretsWithAPlainMqttBroker_UsageErrorSaysMakeItMqtts()
    {
        var manifest = _scratch.PlainManifest();
        var secrets = await SecretsAsync(manifest, _scratch.Root, "--auth", "certificate");

        var result = await FlashAsync(manifest, "--node", "pi-z", "--secrets", secrets, "--insecure", "--out", Path.Combine(_scratch.Root, "o"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("client certificates go over TLS only, and the manifest's broker is mqtt://pi-broker.local:1883: "
            + "make it mqtts://pi-broker.local:8883", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_scratch.Root, "o")));
    }

    /// <summary>Runs the real <c>pineurons secrets</c> on <paramref name="manifest"/>; returns its --out folder.</summary>
    internal static async Task<string> SecretsAsync(string manifest, string root, params string[] extra)
    {
        var dir = Path.Combine(root, "secrets-" + Guid.NewGuid().ToString("N")[..8]);
        var result = await CliRun.RunAsync(["secrets", "--manifest", manifest, "--out", dir, .. extra]);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        return dir;
    }

    private Task<CliResult> FlashAsync(string manifest, params string[] extra) =>
        CliRun.RunAsync(["flash", "--manifest", manifest, "--ssh-key", _scratch.Write("k.pub", FlashScratch.TestKey()), "--no-bundle", .. extra]);
}
