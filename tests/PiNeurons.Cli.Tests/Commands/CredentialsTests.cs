using PiNeurons.Core;
using PiNeurons.Mqtt;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Commands;

/// <summary>
/// The CLI against a Mosquitto that refuses anonymous clients, as the Swarm stack's does: it logs in with
/// --username and --password-file, a wrong password is exit 5, a file it cannot read is exit 2.
/// </summary>
public sealed class CredentialsTests : IAsyncLifetime
{
    private const string User = "operator";
    private const string Secret = "s3cret-of-operator";
    private readonly string _dir = Directory.CreateTempSubdirectory("pineurons-cli-cred-").FullName;
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsWindows())
        {
            // Mosquitto drops to its own user before reading the password file.
            File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        }

        _broker = await MosquittoBroker.StartAsync(new MosquittoOptions { PasswordFile = MosquittoBroker.CreatePasswordFile(_dir, User, Secret) });
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Kick_RightCredentials_KickArrives()
    {
        await using var neuron = await MqttProbe.ConnectAsync("127.0.0.1", _broker.Port, b => b.WithCredentials(User, Secret), "pineurons/c1/kick");
        await neuron.PublishAsync("pineurons/c1/status", "online", retain: true);

        var result = await CliRun.RunAsync("kick", "c1", "--from", "x", "--broker", _broker.Url, "--username", User, "--password-file", PasswordFile(Secret + "\n"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("x", (await neuron.WaitForAsync("pineurons/c1/kick")).PayloadAsString());
    }

    [Fact]
    public async Task Kick_WrongPassword_ExitsRefusedNamingTheUser()
    {
        var result = await CliRun.RunAsync("kick", "c1", "--broker", _broker.Url, "--username", User, "--password-file", PasswordFile("not-it"));

        Assert.Equal(ExitCodes.LoginRefused, result.ExitCode);
        Assert.Contains($"refused the login as '{User}'", result.Error, StringComparison.Ordinal);
        Assert.Contains("check the MQTT user name, password", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-it", result.Error + result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_Anonymous_ExitsRefusedSayingHowToLogIn()
    {
        var result = await CliRun.RunAsync("query", "c1", "--broker", _broker.Url);

        Assert.Equal(ExitCodes.LoginRefused, result.ExitCode);
        Assert.Contains("refused an anonymous login", result.Error, StringComparison.Ordinal);
        Assert.Contains("--username NAME --password-file FILE", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kick_MissingPasswordFile_ExitsUsageNamingTheOption()
    {
        var missing = Path.Combine(_dir, "no-such-file");

        var result = await CliRun.RunAsync("kick", "c1", "--broker", _broker.Url, "--username", User, "--password-file", missing);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith($"--password-file: cannot read {missing}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kick_PasswordFileWithoutUsername_ExitsUsage()
    {
        var result = await CliRun.RunAsync("kick", "c1", "--broker", _broker.Url, "--password-file", PasswordFile(Secret));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--password-file needs --username", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kick_PasswordOnCommandLine_RefusedWithoutEchoingIt()
    {
        var result = await CliRun.RunAsync("kick", "c1", "--broker", _broker.Url, "--username", User, "--password", Secret);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--password is refused", result.Error, StringComparison.Ordinal);
        Assert.Contains("--password-file", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Error + result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_ExternalBrokerWithCredentials_NeuronsAndAggregatorLogIn()
    {
        // Every client of the demo (six neurons, the observer, the aggregator) must log in, or this broker refuses it.
        var result = await CliRun.RunAsync("demo", "--broker", _broker.Url, "--http-port", "0", "--username", User, "--password-file", PasswordFile(Secret));

        Assert.True(result.ExitCode == 0, result + "\nmosquitto:\n" + _broker.Log);
        Assert.Contains("Aggregator: the live network page is at", result.Output, StringComparison.Ordinal);
        Assert.Contains("XOR computed correctly", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchThroughput_ExternalBrokerWithCredentials_Runs()
    {
        var result = await CliRun.RunAsync("bench", "throughput", "--seconds", "0.2", "--broker", _broker.Url, "--username", User, "--password-file", PasswordFile(Secret));

        Assert.True(result.ExitCode == 0, result + "\nmosquitto:\n" + _broker.Log);
        Assert.Contains("bench throughput: kicking neuron t", result.Output, StringComparison.Ordinal);
    }

    private string PasswordFile(string content)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, content);
        return path;
    }
}
