using PiNeurons.Testing;

namespace PiNeurons.Mqtt.Tests;

public sealed class EmbeddedBrokerTests
{
    [Fact]
    public async Task RetainedMessage_ReachesLateSubscriber()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using (var publisher = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port))
        {
            await publisher.PublishAsync("pineurons/h1/status", "online", retain: true);
        }

        await using var late = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port, "pineurons/+/status");

        var retained = await late.WaitForAsync("pineurons/h1/status", "online");
        Assert.True(retained.Retain);
    }

    [Fact]
    public async Task UncleanDrop_PublishesWill()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var watcher = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port, "pineurons/h1/status");
        var node = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port, b => b
            .WithWillTopic("pineurons/h1/status").WithWillPayload("offline").WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce));

        node.Client.Dispose(); // no DISCONNECT: the broker must publish the will

        await watcher.WaitForAsync("pineurons/h1/status", "offline");
    }

    [Theory]
    [InlineData("")]
    [InlineData("-V mqttv311")]
    [InlineData("-V mqttv5")]
    public async Task StockClientWithoutClientId_IsGivenOneAndItsMessageArrives(string version)
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var watcher = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port, "pineurons/x/kick");

        // mosquitto_pub's defaults: no -i, so an empty client id and a clean session.
        var pub = await ShellCommand.RunAsync($"mosquitto_pub -h 127.0.0.1 -p {broker.Port} {version} -t pineurons/x/kick -m hello", TimeSpan.FromSeconds(20));

        Assert.True(pub.ExitCode == 0, pub.ToString());
        await watcher.WaitForAsync("pineurons/x/kick", "hello");
    }

    [Fact]
    public async Task StockSubscriberWithoutClientId_ReceivesRetainedMessage()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using (var publisher = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port))
        {
            await publisher.PublishAsync("pineurons/x/status", "online", retain: true);
        }

        var sub = await ShellCommand.RunAsync($"mosquitto_sub -h 127.0.0.1 -p {broker.Port} -t 'pineurons/+/status' -v -C 1", TimeSpan.FromSeconds(20));

        Assert.True(sub.ExitCode == 0, sub.ToString());
        Assert.Equal("pineurons/x/status online", sub.Output.Trim());
    }

    [Fact]
    public async Task StartAsync_PreferredPortTaken_FallsBackToFreePort()
    {
        await using var first = await EmbeddedBroker.StartAsync();

        await using var second = await EmbeddedBroker.StartAsync(first.Port);

        Assert.NotEqual(first.Port, second.Port);
        Assert.Equal($"mqtt://127.0.0.1:{second.Port}", second.Address.ToString());
    }

    [Fact]
    public async Task ResilientConnection_WorksAgainstEmbeddedBroker()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port, "n1/events");
        var options = new MqttConnectionOptions { Brokers = broker.Address, ClientId = "n1", Subscriptions = ["n1/kick"] };
        await using var node = new Support.RunningConnection(options);
        node.Connection.Enqueue(MqttMessages.Create("n1/events", "hello"));

        await node.StartAndWaitAsync();

        await probe.WaitForAsync("n1/events", "hello");
    }
}
