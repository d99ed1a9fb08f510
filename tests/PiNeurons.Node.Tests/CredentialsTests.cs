using PiNeurons.Core;
using PiNeurons.Testing;

namespace PiNeurons.Node.Tests;

/// <summary>A broker that requires a password: the node logs in with a password file, and a wrong
/// password stops it at once with a clear message and exit code 4 instead of a retry loop.</summary>
public sealed class CredentialsTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pineurons-cred-").FullName;
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsWindows())
        {
            // Mosquitto drops to its own user before reading the password file.
            File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        }

        _broker = await MosquittoBroker.StartAsync(new MosquittoOptions { PasswordFile = MosquittoBroker.CreatePasswordFile(_dir, "n", "right") });
    }

    [Fact]
    public async Task Node_RightPasswordFile_ComesOnline()
    {
        await using var probe = await MqttProbe.ConnectAsync("127.0.0.1", _broker.Port, b => b.WithCredentials("n", "right"), "pineurons/n/status");
        await using var node = NodeProcess.Start("--neurons", "n", "--broker", _broker.Url, "--username", "n", "--password-file", PasswordFile("right\n"));

        await probe.WaitForAsync(m => m.Topic == "pineurons/n/status" && MqttProbe.PayloadOf(m) == "online");
    }

    [Fact]
    public async Task Node_WrongPassword_ExitsFourNamingTheCredentials()
    {
        await using var node = await NodeProcess.RunToExitAsync(TimeSpan.FromSeconds(30),
            "--neurons", "n", "--broker", _broker.Url, "--username", "n", "--password-file", PasswordFile("wrong"));

        Assert.True(node.ExitCode == ExitCodes.LoginRefused, node.Describe());
        Assert.Contains("user name", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_PasswordFileWithoutUsername_ExitsTwo()
    {
        await using var node = await NodeProcess.RunToExitAsync(TimeSpan.FromSeconds(30),
            "--neurons", "n", "--broker", _broker.Url, "--password-file", PasswordFile("right"));

        Assert.True(node.ExitCode == 2, node.Describe());
        Assert.Contains("--password-file needs --username", node.Output, StringComparison.Ordinal);
    }

    private string PasswordFile(string content)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, content);
        return path;
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
