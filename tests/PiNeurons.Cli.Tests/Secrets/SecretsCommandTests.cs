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
            ["mosquitto.passwd"] = "644", ["mosquitto.acl"] = "644", ["passwords"] = "700",
        };
        foreach (var user in new[] { "operator", "aggregator", "x", "y", "h1", "h2", "h3", "z" })
        {
            expected[$"passwords/{user}"] = "600";
        }

        var actual = expected.Keys.ToDictionary(k => k, k => Mode(_out.PathOf(k)));
        Assert.Equal(expected, actual);
        Assert.Equal(8, Directory.GetFiles(_out.PathOf("passwords")).Length);
        Assert.Contains("docker secret create mosquitto_acl ", result.Output, StringComparison.Ordinal);
        Assert.Contains($"pineurons flash --manifest M --all --secrets {_out.Dir} ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_Passwords_AreRandom32BytesBase64UrlAndInThePasswordFile()
    {
        await _out.RunAsync();

        var lines = await File.ReadAllLinesAsync(_out.PathOf("mosquitto.passwd"));
        Assert.Equal(["operator", "aggregator", "x", "y", "h1", "h2", "h3", "z"], lines.Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]));
        foreach (var line in lines)
        {
            var user = line[..line.IndexOf(':', StringComparison.Ordinal)];
            var password = _out.Password(user);
            Assert.Matches("^[A-Za-z0-9_-]{43}$", password);
            Assert.True(MosquittoPasswordFile.Verify(line, user, password), user);
        }

        Assert.Equal(8, lines.Select(l => _out.Password(l[..l.IndexOf(':', StringComparison.Ordinal)])).Distinct().Count());
    }

    [Fact]
    public async Task Secrets_SecondRunWithoutForce_ExitsUsageNamingTheFileAndChangesNothing()
    {
        await _out.RunAsync();
        var before = await File.ReadAllTextAsync(_out.PathOf("mosquitto.passwd"));

        var again = await _out.RunAsync();

        Assert.Equal(ExitCodes.Usage, again.ExitCode);
        Assert.StartsWith($"{_out.PathOf("ca.crt")} exists: refusing to overwrite", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(_out.PathOf("mosquitto.passwd")));
    }

    [Fact]
    public async Task Secrets_ForceWithTheExistingCa_KeepsCaAndPasswordsRenewsTheRest()
    {
        await _out.RunAsync();
        var ca = await File.ReadAllTextAsync(_out.PathOf("ca.crt"));
        var broker = await File.ReadAllTextAsync(_out.PathOf("broker.crt"));
        var h1 = _out.Password("h1");

        var again = await _out.RunAsync("--ca-cert", _out.PathOf("ca.crt"), "--ca-key", _out.PathOf("ca.key"), "--force");

        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
        Assert.Equal(ca, await File.ReadAllTextAsync(_out.PathOf("ca.crt")));
        Assert.NotEqual(broker, await File.ReadAllTextAsync(_out.PathOf("broker.crt")));
        Assert.Equal(h1, _out.Password("h1"));
        Assert.Contains($"kept  {Path.Combine(_out.Dir, "passwords", "h1")}", again.Output, StringComparison.Ordinal);
        var line = (await File.ReadAllLinesAsync(_out.PathOf("mosquitto.passwd"))).Single(l => l.StartsWith("h1:", StringComparison.Ordinal));
        Assert.True(MosquittoPasswordFile.Verify(line, "h1", h1));
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
        foreach (var text in new[] { "mosquitto.acl", "passwords/<user>", "--ca-cert", "--force", "connections", "--broker-host" })
        {
            Assert.Contains(text, result.Output, StringComparison.Ordinal);
        }
    }

    private static string Mode(string path) =>
        OperatingSystem.IsWindows() ? "n/a" : Convert.ToString((int)File.GetUnixFileMode(path), 8);
}
