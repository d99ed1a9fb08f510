using PiNeurons.Core;
using PiNeurons.Cli.Secrets;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>The files of <c>pineurons secrets</c>: their modes, the refusal to overwrite, --force keeping passwords.</summary>
public sealed class SecretsCommandTests : IDisposable
{
    private readonly SecretsOutput _out = new();

    public void Dispose() => _out.Dispose();

    [Fact]
    public async Task Secrets_Xor_WritesEveryFileWithItsMode()
    {
        var result = await _out.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var expected = new Dictionary<string, string>
        {
            ["ca.crt"] = "644", ["ca.key"] = "600", ["broker.crt"] = "644", ["broker.key"] = "600",
            ["dynamic-security.json"] = "644", ["passwords"] = "700", ["operator-token"] = "600",
        };
        foreach (var user in new[] { "operator", "aggregator", "x", "y", "h1", "h2", "h3", "z" })
        {
            expected[$"passwords/{user}"] = "600";
        }

        var actual = expected.Keys.ToDictionary(k => k, k => Mode(_out.PathOf(k)));
        Assert.Equal(expected, actual);
        Assert.Equal(8, Directory.GetFiles(_out.PathOf("passwords")).Length);
        // The dynamic-security file replaces the password file and the ACL: one source of the broker's rules.
        Assert.False(File.Exists(_out.PathOf("mosquitto.passwd")) || File.Exists(_out.PathOf("mosquitto.acl")));
        Assert.Contains($"docker secret create mosquitto_dynsec {_out.PathOf("dynamic-security.json")}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"docker secret create operator_token {_out.PathOf("operator-token")}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"pineurons flash --manifest M --all --secrets {_out.Dir} ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_ShippedManifest_NoWarning()
    {
        var result = await _out.RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task Secrets_PlainBroker_WritesTheFilesAndWarnsThatTheNodesWouldNotSendThePasswords()
    {
        var manifest = Path.Combine(_out.Root, "xor-plain.yaml");
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(SecretsOutput.ManifestPath))
            .Replace("broker: mqtts://pi-broker.local:8883", "broker: mqtt://pi-broker.local:1883", StringComparison.Ordinal));

        var result = await Commands.CliRun.RunAsync("secrets", "--manifest", manifest, "--out", _out.Dir);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.True(File.Exists(_out.PathOf("dynamic-security.json")));
        Assert.Contains("secrets: warning: the node would be refusing to send the MQTT password in clear text to mqtt://pi-broker.local:1883",
            result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_Passwords_AreRandom32BytesBase64UrlAndHashedInTheDynamicSecurityFile()
    {
        await _out.RunAsync();

        var clients = _out.Clients();
        Assert.Equal(["operator", "aggregator", "x", "y", "h1", "h2", "h3", "z"], clients.Select(c => c["username"]!.GetValue<string>()));
        foreach (var client in clients)
        {
            var user = client["username"]!.GetValue<string>();
            var password = _out.Password(user);
            Assert.Matches("^[A-Za-z0-9_-]{43}$", password);
            Assert.True(DynamicSecurityPassword.Verify(Stored(client), password), user);
        }

        Assert.Equal(8, clients.Select(c => _out.Password(c["username"]!.GetValue<string>())).Distinct().Count());
        Assert.Equal(8, clients.Select(c => c["salt"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task Secrets_OperatorToken_IsRandom32BytesBase64UrlOnItsOwnLine()
    {
        await _out.RunAsync();
        var first = await File.ReadAllTextAsync(_out.PathOf("operator-token"));
        using var other = new SecretsOutput();
        await other.RunAsync();

        // The aggregator reads the first line (--operator-token-file); a second run makes a token of its own.
        Assert.Matches("^[A-Za-z0-9_-]{43}\n$", first);
        Assert.NotEqual(first, await File.ReadAllTextAsync(other.PathOf("operator-token")));
    }

    [Fact]
    public async Task Secrets_SecondRunWithoutForce_ExitsUsageNamingTheFileAndChangesNothing()
    {
        await _out.RunAsync();
        var before = await File.ReadAllTextAsync(_out.PathOf("dynamic-security.json"));

        var again = await _out.RunAsync();

        Assert.Equal(ExitCodes.Usage, again.ExitCode);
        Assert.StartsWith($"{_out.PathOf("ca.crt")} exists: refusing to overwrite", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(_out.PathOf("dynamic-security.json")));
    }

    [Fact]
    public async Task Secrets_ForceWithTheExistingCa_KeepsCaAndPasswordsRenewsTheRest()
    {
        await _out.RunAsync();
        var ca = await File.ReadAllTextAsync(_out.PathOf("ca.crt"));
        var broker = await File.ReadAllTextAsync(_out.PathOf("broker.crt"));
        var h1 = _out.Password("h1");
        var token = await File.ReadAllTextAsync(_out.PathOf("operator-token"));

        var again = await _out.RunAsync("--ca-cert", _out.PathOf("ca.crt"), "--ca-key", _out.PathOf("ca.key"), "--force");

        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
        Assert.Equal(ca, await File.ReadAllTextAsync(_out.PathOf("ca.crt")));
        Assert.NotEqual(broker, await File.ReadAllTextAsync(_out.PathOf("broker.crt")));
        Assert.Equal(h1, _out.Password("h1"));
        Assert.Contains($"kept  {Path.Combine(_out.Dir, "passwords", "h1")}", again.Output, StringComparison.Ordinal);
        Assert.Equal(token, await File.ReadAllTextAsync(_out.PathOf("operator-token")));
        Assert.Contains($"kept  {_out.PathOf("operator-token")}", again.Output, StringComparison.Ordinal);
        Assert.True(DynamicSecurityPassword.Verify(Stored(_out.Clients().Single(c => c["username"]!.GetValue<string>() == "h1")), h1));
    }

    [Theory]
    [InlineData("--auth", "token", "--auth 'token': give password (the default: a password per neuron) or certificate")]
    [InlineData("--days", "0", "--days 0: give 1 to 3650 days")]
    [InlineData("--ca-cert", "/nonexistent/ca.crt", "--ca-cert and --ca-key go together")]
    [InlineData("--broker-host", "bad host", "--broker-host 'bad host' is not a DNS name or an IP address")]
    public async Task Secrets_BadOption_ExitsUsageAndWritesNothing(string option, string value, string message)
    {
        var result = await _out.RunAsync(option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_out.Dir));
    }

    [Fact]
    public async Task Secrets_Help_ExplainsTheFilesAndTheRegeneration()
    {
        var result = await Commands.CliRun.RunAsync("secrets", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (var text in new[] { "dynamic-security.json", "passwords/<user>", "--ca-cert", "--force", "connections", "--broker-host", "restart the broker" })
        {
            Assert.Contains(text, result.Output, StringComparison.Ordinal);
        }
    }

    private static StoredPassword Stored(System.Text.Json.Nodes.JsonNode client) =>
        new(client["password"]!.GetValue<string>(), client["salt"]!.GetValue<string>(), client["iterations"]!.GetValue<int>());

    private static string Mode(string path) =>
        OperatingSystem.IsWindows() ? "n/a" : Convert.ToString((int)File.GetUnixFileMode(path), 8);
}
