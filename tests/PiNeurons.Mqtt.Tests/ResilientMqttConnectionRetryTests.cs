using Moq;
using MQTTnet;
using PiNeurons.Mqtt.Internal;
using PiNeurons.Mqtt.Tests.Support;
using PiNeurons.Testing;

namespace PiNeurons.Mqtt.Tests;

/// <summary>
/// The supervisor's answer to a refused CONNACK, at the client seam: a real Mosquitto cannot be made to refuse
/// once with a code retrying can fix and then accept, so the client is a mock answering the two CONNACKs, and
/// the backoff runs on a fake clock.
/// </summary>
public sealed class ResilientMqttConnectionRetryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task RunAsync_ConnectRefusedThenAccepted_RetriesOnTheSameClientAfterTheBackoffDelay()
    {
        var clock = new TimerSignallingTimeProvider();
        var client = new Mock<IMqttClient>();
        client.SetupSequence(c => c.ConnectAsync(It.IsAny<MqttClientOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new MqttClientConnectResult { ResultCode = MqttClientConnectResultCode.ServerUnavailable })
            .ReturnsAsync(new MqttClientConnectResult { ResultCode = MqttClientConnectResultCode.Success });
        var clients = new Mock<IMqttClientFactory>();
        clients.Setup(f => f.Create()).Returns(client.Object);
        var options = new MqttConnectionOptions
        {
            Brokers = BrokerAddress.Parse("mqtt://127.0.0.1:1883"),
            ClientId = "refused-once",
            InitialBackoff = TimeSpan.FromSeconds(1),
            MaxBackoff = TimeSpan.FromSeconds(10),
        };
        var logger = new TestLogger<ResilientMqttConnection>();
        await using var connection = new ResilientMqttConnection(options, MqttConnectionHandlers.None, logger, clock, clients.Object);
        using var stop = new CancellationTokenSource();

        var run = connection.RunAsync(stop.Token);
        var delay = await clock.TimerCreated.WaitAsync(Timeout);

        // The first delay is the initial backoff plus up to 20 % jitter.
        Assert.InRange(delay, options.InitialBackoff, options.InitialBackoff * 1.2);
        clock.Advance(delay - TimeSpan.FromTicks(1));
        VerifyConnects(client, Times.Once());
        clock.Advance(TimeSpan.FromTicks(1));
        using var connected = new CancellationTokenSource(Timeout);
        await connection.WaitUntilConnectedAsync(connected.Token);
        VerifyConnects(client, Times.Exactly(2));
        clients.Verify(f => f.Create(), Times.Once());
        Assert.Equal(1, logger.Count(2101)); // "Connecting to ... failed": one refusal, one retry
        await stop.CancelAsync();
        await run.WaitAsync(Timeout);
    }

    private static void VerifyConnects(Mock<IMqttClient> client, Times times) =>
        client.Verify(c => c.ConnectAsync(It.IsAny<MqttClientOptions>(), It.IsAny<CancellationToken>()), times);
}
