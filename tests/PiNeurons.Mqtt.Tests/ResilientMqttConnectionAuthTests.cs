using PiNeurons.Mqtt.Tests.Support;
using PiNeurons.Testing;

namespace PiNeurons.Mqtt.Tests;

public sealed class ResilientMqttConnectionAuthTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pineurons-auth-").FullName;
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        }

        var passwords = MosquittoBroker.CreatePasswordFile(_dir, "neuron", "right");
        _broker = await MosquittoBroker.StartAsync(new MosquittoOptions { PasswordFile = passwords });
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task RunAsync_WrongPassword_ThrowsFatalWithoutRetrying()
    {
        var options = ResilientMqttConnectionTests.With(RunningConnection.Options(_broker.Url), user: "neuron", password: "wrong");
        await using var node = new RunningConnection(options);

        var error = await Assert.ThrowsAsync<MqttConnectionFatalException>(() => node.Start().Run!.WaitAsync(RunningConnection.Timeout));

        Assert.StartsWith($"broker {options.Brokers} refused client '{options.ClientId}': ", error.Message, StringComparison.Ordinal);
        // mosquitto 2.0 answers a wrong password with NotAuthorized (0x87), not BadUserNameOrPassword (0x86).
        Assert.Contains("user name", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, node.Logger.Count(2101));
        Assert.False(node.Connection.IsConnected);
    }

    [Fact]
    public async Task RunAsync_RightPassword_Connects()
    {
        var options = ResilientMqttConnectionTests.With(RunningConnection.Options(_broker.Url), user: "neuron", password: "right");
        await using var node = new RunningConnection(options);

        await node.StartAndWaitAsync();

        Assert.True(node.Connection.IsConnected);
    }
}
