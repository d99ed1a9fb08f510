using PiNeurons.Mqtt.Tests.Support;
using PiNeurons.Testing;

namespace PiNeurons.Mqtt.Tests;

public sealed class ResilientMqttConnectionTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task RunAsync_SubscriptionsInPlaceBeforeConnectedRuns()
    {
        await using var probe = await MqttProbe.ConnectAsync(_broker.Url);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var wasReadyInCallback = true;
        await using var node = new RunningConnection(RunningConnection.Options(_broker.Url, "n1/kick"), self => new MqttConnectionHandlers
        {
            MessageReceived = (m, _) =>
            {
                received.TrySetResult(m.PayloadAsString());
                return ValueTask.CompletedTask;
            },
            Connected = async _ =>
            {
                wasReadyInCallback = self.Connection.IsConnected;
                await probe.PublishAsync("n1/kick", "x");
            },
        });

        await node.StartAndWaitAsync();

        Assert.Equal("x", await received.Task.WaitAsync(RunningConnection.Timeout));
        Assert.False(wasReadyInCallback);
        Assert.True(node.Connection.IsConnected);
    }

    [Fact]
    public async Task StopAndDispose_FromTwoPathsAtOnce_StopCleanlyOnceAndNeitherThrows()
    {
        await using var probe = await MqttProbe.ConnectAsync(_broker.Url, "n1/status");
        await using var node = new RunningConnection(RunningConnection.Options(_broker.Url));
        await node.StartAndWaitAsync();
        var offline = MqttMessages.Create("n1/status", "offline", retain: true);

        // A host stopping the service while another path disposes it, then a late stop after disposal.
        await Task.WhenAll(
            node.Connection.StopAsync(offline, CancellationToken.None),
            node.Connection.StopAsync(offline, CancellationToken.None),
            node.Connection.DisposeAsync().AsTask());
        await node.Connection.StopAsync(offline, CancellationToken.None);

        await probe.WaitForAsync("n1/status", "offline");
        Assert.Single(probe.Received, m => m.Topic == "n1/status");
    }

    [Fact]
    public async Task Enqueue_ManyMessages_ArriveInOrder()
    {
        await using var probe = await MqttProbe.ConnectAsync(_broker.Url, "n1/events");
        await using var node = new RunningConnection(RunningConnection.Options(_broker.Url));
        const int count = 500;
        for (var i = 0; i < count; i++)
        {
            Assert.True(node.Connection.Enqueue(MqttMessages.Create("n1/events", i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        await node.StartAndWaitAsync();
        await probe.WaitForAsync("n1/events", (count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var payloads = probe.Received.Select(MqttProbe.PayloadOf).ToList();
        Assert.Equal(Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), payloads);
        Assert.Equal(0, node.Connection.PublishFailures);
    }

    [Fact]
    public async Task Enqueue_OutboxFull_ReturnsFalseAndCounts()
    {
        var options = RunningConnection.Options(_broker.Url);
        await using var node = new RunningConnection(new MqttConnectionOptions
        {
            Brokers = options.Brokers,
            ClientId = options.ClientId,
            OutboxCapacity = 2,
        });

        Assert.True(node.Connection.Enqueue(MqttMessages.Create("a", "1")));
        Assert.True(node.Connection.Enqueue(MqttMessages.Create("a", "2")));
        Assert.False(node.Connection.Enqueue(MqttMessages.Create("a", "3")));
        Assert.Equal(1, node.Connection.DroppedFull);
    }

    [Fact]
    public async Task StopAsync_PublishesLastMessageAndNoWill()
    {
        await using var probe = await MqttProbe.ConnectAsync(_broker.Url, "n1/status", "marker");
        var options = RunningConnection.Options(_broker.Url);
        await using var node = new RunningConnection(With(options, will: new MqttWill("n1/status", "will-offline")), self => new MqttConnectionHandlers
        {
            Connected = ct => self.Connection.PublishAsync(MqttMessages.Create("n1/status", "online", retain: true), ct),
        });
        await node.StartAndWaitAsync();
        await probe.WaitForAsync("n1/status", "online");
        node.Connection.Enqueue(MqttMessages.Create("n1/status", "queued"));

        using var cts = new CancellationTokenSource(RunningConnection.Timeout);
        await node.Connection.StopAsync(MqttMessages.Create("n1/status", "offline", retain: true), cts.Token);

        Assert.False(node.Connection.IsConnected);
        await probe.WaitForAsync("n1/status", "offline");
        await using var late = await MqttProbe.ConnectAsync(_broker.Url, "n1/status");
        var retained = await late.WaitForAsync(m => m.Topic == "n1/status");
        Assert.Equal("offline", MqttProbe.PayloadOf(retained));
        await probe.PublishAsync("marker", "m");
        await probe.WaitForAsync("marker");
        Assert.Equal(["online", "queued", "offline"], probe.Received.Where(m => m.Topic == "n1/status").Select(MqttProbe.PayloadOf));
        await node.Run!.WaitAsync(RunningConnection.Timeout);
    }

    [Fact]
    public async Task DisposeAsync_WithoutStop_BrokerPublishesRetainedWill()
    {
        await using var probe = await MqttProbe.ConnectAsync(_broker.Url, "n1/status");
        var node = new RunningConnection(With(RunningConnection.Options(_broker.Url), will: new MqttWill("n1/status", "offline")));
        await node.StartAndWaitAsync();

        await node.DisposeAsync();

        var will = await probe.WaitForAsync("n1/status", "offline");
        Assert.False(will.Retain); // delivered live; retained for late subscribers:
        await using var late = await MqttProbe.ConnectAsync(_broker.Url, "n1/status");
        Assert.True((await late.WaitForAsync("n1/status", "offline")).Retain);
    }

    [Fact]
    public async Task PublishAsync_NotConnected_Throws()
    {
        await using var node = new RunningConnection(RunningConnection.Options(_broker.Url));

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => node.Connection.PublishAsync(MqttMessages.Create("a", "b"), CancellationToken.None));
    }

    internal static MqttConnectionOptions With(
        MqttConnectionOptions o, MqttWill? will = null, string? user = null, string? password = null, string? clientId = null) => new()
    {
        Brokers = o.Brokers,
        ClientId = clientId ?? o.ClientId,
        Subscriptions = o.Subscriptions,
        InitialBackoff = o.InitialBackoff,
        MaxBackoff = o.MaxBackoff,
        Will = will ?? o.Will,
        UserName = user ?? o.UserName,
        Password = password ?? o.Password,
    };
}
