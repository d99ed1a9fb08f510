using PiNeurons.Testing;

namespace PiNeurons.Aggregator.Tests.Api;

/// <summary>The aggregator as a user starts it: a process, its exit code and what it prints.</summary>
public sealed class CommandLineTests
{
    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    private static async Task<(int Code, string Out, string Err)> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PiNeurons.Aggregator.dll");
        var result = await ChildProcess.RunAsync("dotnet", [dll, .. args], TimeSpan.FromSeconds(60), new ChildProcessOptions
        {
            WorkingDirectory = Path.GetTempPath(),
            Environment = environment.ToDictionary(e => e.Key, e => (string?)e.Value),
        });
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }

    [Fact]
    public async Task Help_ListsTheOptions_AndExits0()
    {
        var (code, stdout, _) = await RunAsync("--help");

        Assert.Equal(0, code);
        Assert.Contains("--broker <URL[,URL...]>", stdout, StringComparison.Ordinal);
        Assert.Contains("--retention-days", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsVersionAndCommit_AndExits0()
    {
        var (code, stdout, _) = await RunAsync("--version");

        Assert.Equal(0, code);
        Assert.Matches(@"^pineurons-aggregator \d+\.\d+\.\d+ \(commit [0-9a-f]{12}\)$", stdout.Trim());
    }

    [Theory]
    [InlineData("--retention-days", "-1", "--retention-days: -1 must be 0")]
    [InlineData("--session-expiry", "soon", "--session-expiry (or PINEURONS_SESSION_EXPIRY): the value is not a whole number")]
    public async Task BadOptionValue_PrintsOneLineWithoutTheHostsStackTrace(string option, string value, string message)
    {
        var (code, stdout, stderr) = await RunAsync(option, value, "--state-dir", Path.Combine(Path.GetTempPath(), "pineurons-cli-" + Guid.NewGuid().ToString("N")));

        Assert.Equal(2, code);
        Assert.Equal($"pineurons-aggregator: {message}", (stdout + stderr).Trim().Split('\n').Single()[..($"pineurons-aggregator: {message}".Length)]);
    }

    [Fact]
    public async Task OptionFromItsEnvironmentVariable_IsReadByTheOneRule()
    {
        var (code, _, stderr) = await RunAsync(
            new Dictionary<string, string> { ["PINEURONS_RETENTION_DAYS"] = "-3" },
            "--state-dir", Path.Combine(Path.GetTempPath(), "pineurons-cli-" + Guid.NewGuid().ToString("N")));

        Assert.Equal(2, code);
        Assert.Contains("--retention-days: -3 must be 0", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--brokr", "pineurons-aggregator: Unrecognized command or argument '--brokr'.")]
    [InlineData("--broker", "pineurons-aggregator: Required argument missing for option: '--broker'.")]
    public async Task BadCommandLine_Exits2WithTheProblem(string arg, string message)
    {
        var (code, _, stderr) = await RunAsync(arg);

        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--broker", "ftp://x", "--broker: broker address 'ftp://x' has unsupported scheme")]
    [InlineData("--shared-group", "g", "--shared-group: replicas sharing the ingest must share one history")]
    [InlineData("--retention-days", "-1", "--retention-days: -1 must be 0")]
    [InlineData("--session-expiry", "0", "--session-expiry: 0 would end the broker's session")]
    [InlineData("--password-file", "/nonexistent", "--password-file: a password needs a user name")]
    public async Task BadOptionValue_Exits2NamingTheOption(string option, string value, string message)
    {
        var (code, _, stderr) = await RunAsync(option, value, "--state-dir", Path.Combine(Path.GetTempPath(), "pineurons-cli-" + Guid.NewGuid().ToString("N")));

        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordInClearTextToAnotherMachine_Exits2SayingUseTlsOrInsecure()
    {
        var dir = Directory.CreateTempSubdirectory("pineurons-agg-cleartext-").FullName;
        var password = Path.Combine(dir, "pw");
        await File.WriteAllTextAsync(password, "secret\n");

        var (code, _, stderr) = await RunAsync("--broker", "mqtt://192.0.2.1:1883", "--username", "aggregator", "--password-file", password, "--state-dir", dir);

        Assert.Equal(2, code);
        Assert.Contains("--broker: refusing to send the MQTT password in clear text to mqtt://192.0.2.1:1883", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaFileWithAPlainBroker_Exits2NamingTheOption()
    {
        var dir = Directory.CreateTempSubdirectory("pineurons-agg-ca-").FullName;
        var ca = PiNeurons.Testing.TestCertificates.CreateCa(dir).CaFile;

        var (code, _, stderr) = await RunAsync("--broker", "mqtt://127.0.0.1:1", "--ca-file", ca, "--state-dir", dir);

        Assert.Equal(2, code);
        Assert.Contains("--ca-file: applies to mqtts:// brokers", stderr, StringComparison.Ordinal);
    }
}
