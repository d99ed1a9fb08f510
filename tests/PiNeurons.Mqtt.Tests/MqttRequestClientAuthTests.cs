using System.Text;
using PiNeurons.Testing;

namespace PiNeurons.Mqtt.Tests;

/// <summary>The tools' client against a Mosquitto that refuses anonymous logins, as the Swarm stack's does.</summary>
public sealed class MqttRequestClientAuthTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pineurons-request-auth-").FullName;
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsWindows())
        {
            // Mosquitto drops to its own user before reading the password file.
            File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        }

        _broker = await MosquittoBroker.StartAsync(new MosquittoOptions { PasswordFile = MosquittoBroker.CreatePasswordFile(_dir, "operator", "right") });
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ConnectAsync_RightCredentials_Publishes()
    {
        await using var probe = await MqttProbe.ConnectAsync("127.0.0.1", _broker.Port, b => b.WithCredentials("operator", "right"), "pineurons/a/kick");

        await using var client = await ConnectAsync("operator", "right");
        await client.PublishAsync("pineurons/a/kick", Encoding.UTF8.GetBytes("x"));

        Assert.Equal("x", (await probe.WaitForAsync(m => m.Topic == "pineurons/a/kick")).PayloadAsString());
    }

    [Fact]
    public async Task ConnectAsync_WrongPassword_ThrowsFatalNamingTheUser()
    {
        var error = await Assert.ThrowsAsync<MqttConnectionFatalException>(() => ConnectAsync("operator", "wrong"));

        Assert.Contains("refused the login as 'operator'", error.Message, StringComparison.Ordinal);
        Assert.Contains("check the MQTT user name, password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_Anonymous_ThrowsFatalSayingALoginMayBeNeeded()
    {
        var error = await Assert.ThrowsAsync<MqttConnectionFatalException>(() => ConnectAsync(userName: null, password: null));

        Assert.Contains("refused an anonymous login", error.Message, StringComparison.Ordinal);
    }

    private Task<MqttRequestClient> ConnectAsync(string? userName, string? password) =>
        MqttRequestClient.ConnectAsync(
            new MqttRequestClientOptions
            {
                Brokers = BrokerAddress.Parse(_broker.Url),
                Root = "pineurons",
                Timeout = TimeSpan.FromSeconds(10),
                UserName = userName,
                Password = password,
            },
            TimeProvider.System,
            CancellationToken.None);
}
