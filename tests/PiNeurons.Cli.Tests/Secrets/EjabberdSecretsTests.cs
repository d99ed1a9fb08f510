using PiNeurons.Cli.Secrets;
using PiNeurons.Cli.Tests.Commands;
using PiNeurons.Core;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>The files of <c>pineurons secrets --broker-kind ejabberd</c>, without a broker: which, their modes, what they
/// say, what is kept, and the input it refuses. EjabberdBrokerTests runs them on a real cluster.</summary>
public sealed class EjabberdSecretsTests : IDisposable
{
    private readonly SecretsOutput _out = new();

    public void Dispose() => _out.Dispose();

    [Fact]
    public async Task Secrets_Ejabberd_WritesRulesUsersAndCookieInsteadOfTheDynamicSecurityFile()
    {
        var result = await _out.RunAsync("--broker-kind", "ejabberd");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var expected = new Dictionary<string, string>
        {
            ["ca.crt"] = "644", ["ca.key"] = "600", ["broker.crt"] = "644", ["broker.key"] = "600", ["operator-token"] = "600",
            ["ejabberd-access.yml"] = "644", ["ejabberd-users.sh"] = "600", ["ejabberd-cookie"] = "600", ["passwords"] = "700",
        };
        Assert.Equal(expected, expected.Keys.ToDictionary(k => k, k => Mode(_out.PathOf(k))));
        Assert.False(File.Exists(_out.PathOf(DynamicSecurityFile.FileName)));
        Assert.Equal(8, Directory.GetFiles(_out.PathOf("passwords")).Length);
        Assert.Matches("^[0-9a-f]{64}\n$", await File.ReadAllTextAsync(_out.PathOf("ejabberd-cookie")));
        Assert.Contains($"docker secret create ejabberd_access {_out.PathOf("ejabberd-access.yml")}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"docker secret create ejabberd_cookie {_out.PathOf("ejabberd-cookie")}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"sudo sh {_out.PathOf("ejabberd-users.sh")}", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("mosquitto_", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_Ejabberd_BrokerCertificateNamesTheEjabberdStacksServicesNotMosquitto()
    {
        await _out.RunAsync("--broker-kind", "ejabberd");

        using var broker = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(_out.PathOf("broker.crt")));
        var names = broker.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToList();
        Assert.Equal(["pi-broker.local", "ejabberd-a", "ejabberd-b", "localhost"], names);
    }

    [Fact]
    public async Task UsersScript_RegistersEveryLoginWithItsPasswordInLowerCase()
    {
        await _out.RunAsync("--broker-kind", "ejabberd");

        var script = await File.ReadAllLinesAsync(_out.PathOf("ejabberd-users.sh"));
        var logins = script.Where(l => l.StartsWith("login ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [.. new[] { "operator", "aggregator", "x", "y", "h1", "h2", "h3", "z" }.Select(u => $"login {u} '{_out.Password(u)}'")],
            logins);
        Assert.Equal("#!/bin/sh", script[0]);
        Assert.Contains("set -eu", script);
    }

    [Fact]
    public async Task AccessFile_Xor_AnAclPerRoleAndEveryFilterOnceWithEachRoleThatHasIt()
    {
        await _out.RunAsync("--broker-kind", "ejabberd");

        var text = await File.ReadAllTextAsync(_out.PathOf("ejabberd-access.yml"));
        Assert.Contains("acl:\n  pineurons_operator:\n    user: [operator]\n  pineurons_aggregator:\n    user: [aggregator]\n  pineurons_neuron-x:\n    user: [x]\n", text, StringComparison.Ordinal);
        // z is kicked by each of the hidden layer, and by nobody else but the aggregator's pineurons/+/kick and the operators' pineurons/#.
        Assert.Contains("    \"pineurons/z/kick\":\n      - allow: pineurons_neuron-h1\n      - allow: pineurons_neuron-h2\n      - allow: pineurons_neuron-h3\n", text, StringComparison.Ordinal);
        Assert.Contains("  PINEURONS_ACCESS_SUBSCRIBE:\n    \"pineurons/#\":\n      - allow: pineurons_operator\n", text, StringComparison.Ordinal);
        // mod_mqtt has no shared subscriptions: the aggregator's Mosquitto rule for them is left out.
        Assert.DoesNotContain("$share", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l == "    \"pineurons-replies/+\":");
    }

    [Fact]
    public void Names_AreTheOnesTheTestClustersRead()
    {
        Assert.Equal(EjabberdAccessFile.FileName, EjabberdAuth.AccessFileName);
        Assert.Equal(EjabberdUsersScript.FileName, EjabberdAuth.UsersScriptName);
        Assert.Equal(EjabberdAccessFile.PublishMacro, EjabberdAuth.PublishMacro);
        Assert.Equal(EjabberdAccessFile.SubscribeMacro, EjabberdAuth.SubscribeMacro);
    }

    [Fact]
    public async Task Secrets_EjabberdForce_KeepsPasswordsTokenAndCookie()
    {
        await _out.RunAsync("--broker-kind", "ejabberd");
        var cookie = await File.ReadAllTextAsync(_out.PathOf("ejabberd-cookie"));
        var h1 = _out.Password("h1");

        var again = await _out.RunAsync("--broker-kind", "ejabberd", "--ca-cert", _out.PathOf("ca.crt"), "--ca-key", _out.PathOf("ca.key"), "--force");

        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
        Assert.Equal(cookie, await File.ReadAllTextAsync(_out.PathOf("ejabberd-cookie")));
        Assert.Contains($"kept  {_out.PathOf("ejabberd-cookie")}", again.Output, StringComparison.Ordinal);
        Assert.Contains($"login h1 '{h1}'", await File.ReadAllTextAsync(_out.PathOf("ejabberd-users.sh")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_EjabberdSecondRunWithoutForce_RefusesNamingTheFirstExistingFile()
    {
        await _out.RunAsync("--broker-kind", "ejabberd");
        File.Delete(_out.PathOf("broker.crt"));
        File.Delete(_out.PathOf("broker.key"));

        var again = await _out.RunAsync("--broker-kind", "ejabberd", "--ca-cert", _out.PathOf("ca.crt"), "--ca-key", _out.PathOf("ca.key"));

        Assert.Equal(ExitCodes.Usage, again.ExitCode);
        Assert.StartsWith($"{_out.PathOf("ejabberd-access.yml")} exists: refusing to overwrite", again.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--broker-kind", "emqx" }, "--broker-kind 'emqx': give mosquitto (the default: one Mosquitto with its dynamic-security file) or ejabberd")]
    [InlineData(new[] { "--broker-kind", "ejabberd", "--auth", "certificate" }, "--auth certificate works with --broker-kind mosquitto only")]
    public async Task Secrets_BadBrokerKindOrCombination_ExitsUsageAndWritesNothing(string[] args, string message)
    {
        var result = await _out.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_out.Dir));
    }

    [Fact]
    public async Task Secrets_EjabberdUsersEqualButForCase_ExitsUsageNamingBoth()
    {
        var manifest = Path.Combine(_out.Root, "xor-operators.yaml");
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(SecretsOutput.ManifestPath)) + "operators: [H1, alice]\n");

        var result = await CliRun.RunAsync("secrets", "--manifest", manifest, "--out", _out.Dir, "--broker-kind", "ejabberd");
        var mosquitto = await CliRun.RunAsync("secrets", "--manifest", manifest, "--out", Path.Combine(_out.Root, "mosquitto"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("--broker-kind ejabberd: 'H1' and 'h1' would be one login: ejabberd compares user names ignoring case", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_out.Dir));
        // Mosquitto tells them apart.
        Assert.True(mosquitto.ExitCode == ExitCodes.Ok, mosquitto.ToString());
    }

    [Fact]
    public async Task Secrets_Help_NamesTheBrokerKinds()
    {
        var result = await CliRun.RunAsync("secrets", "--help");

        foreach (var text in new[] { "--broker-kind", "mosquitto", "ejabberd-access.yml", "ejabberd-users.sh", "ejabberd-cookie", "reload_config", "--broker-kind ejabberd" })
        {
            Assert.Contains(text, result.Output, StringComparison.Ordinal);
        }
    }

    private static string Mode(string path) =>
        OperatingSystem.IsWindows() ? "n/a" : Convert.ToString((int)File.GetUnixFileMode(path), 8);
}
