using System.Text;
using PiNeurons.Testing;

namespace PiNeurons.Mqtt.Tests;

public sealed class MqttRequestClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task RequestAsync_ConcurrentRequests_EachGetsItsOwnReply()
    {
        await using var responder = await MqttProbe.ConnectAsync(_broker.Url, "pineurons/+/query");
        responder.Client.ApplicationMessageReceivedAsync += async e =>
        {
            var request = e.ApplicationMessage;
            // Echo the request payload back to the response topic with its correlation data.
            await responder.PublishAsync(request.ResponseTopic, $"reply:{MqttProbe.PayloadOf(request)}",
                configure: b => b.WithCorrelationData(request.CorrelationData));
        };
        await using var client = await ConnectAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            client.RequestAsync($"pineurons/n{i}/query", Encoding.UTF8.GetBytes($"q{i}"), Timeout, CancellationToken.None)));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"reply:q{i}"), replies.Select(r => r.PayloadAsString()));
        Assert.StartsWith("pineurons-replies/pineurons-cli-", replies[0].Topic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestAsync_NobodyAnswers_ThrowsTimeout()
    {
        await using var client = await ConnectAsync();

        await Assert.ThrowsAsync<TimeoutException>(
            () => client.RequestAsync("pineurons/nobody/query", ReadOnlyMemory<byte>.Empty, TimeSpan.FromMilliseconds(200), CancellationToken.None));
    }

    [Fact]
    public async Task SubscribeAsync_MatchingMessagesArriveInOrderWithoutReplies()
    {
        await using var client = await ConnectAsync();
        await using var probe = await MqttProbe.ConnectAsync(_broker.Url);
        await client.SubscribeAsync(["pineurons/+/events"], CancellationToken.None);

        await probe.PublishAsync("pineurons/other/state", "ignored");
        await probe.PublishAsync("pineurons/h1/events", "e1");
        await probe.PublishAsync("pineurons/h2/events", "e2");

        using var cts = new CancellationTokenSource(Timeout);
        var first = await client.Incoming.ReadAsync(cts.Token);
        var second = await client.Incoming.ReadAsync(cts.Token);
        Assert.Equal(("pineurons/h1/events", "e1"), (first.Message.Topic, first.Message.PayloadAsString()));
        Assert.Equal(("pineurons/h2/events", "e2"), (second.Message.Topic, second.Message.PayloadAsString()));
        Assert.True(second.ReceivedAt >= first.ReceivedAt);
    }

    [Fact]
    public async Task PublishAsync_WithUserProperty_SubscriberSeesIt()
    {
        await using var client = await ConnectAsync();
        await using var probe = await MqttProbe.ConnectAsync(_broker.Url, "pineurons/z/kick");

        await client.PublishAsync("pineurons/z/kick", Encoding.UTF8.GetBytes("h1"), ("hop", "3"));

        var kick = await probe.WaitForAsync(m => m.Topic == "pineurons/z/kick");
        Assert.Equal("3", kick.GetUserProperty("hop"));
    }

    [Fact]
    public async Task Incoming_BrokerStops_StreamEndsWithBrokerUnreachable()
    {
        await using var client = await ConnectAsync();
        await client.SubscribeAsync(["pineurons/+/events"], CancellationToken.None);

        await _broker.StopAsync();

        using var cts = new CancellationTokenSource(Timeout);
        await Assert.ThrowsAsync<BrokerUnreachableException>(async () =>
        {
            await foreach (var unused in client.Incoming.ReadAllAsync(cts.Token))
            {
            }
        });
    }

    [Fact]
    public async Task ConnectAsync_NoBroker_ThrowsBrokerUnreachableWithHint()
    {
        var address = new BrokerAddress("mqtt", "127.0.0.1", FreePort.Pick(), false);

        var error = await Assert.ThrowsAsync<BrokerUnreachableException>(
            () => MqttRequestClient.ConnectAsync(address, "pineurons", TimeSpan.FromSeconds(2), TimeProvider.System, CancellationToken.None));

        Assert.Equal(
            $"cannot reach the broker at {address}: nothing accepts connections on port {address.Port} of 127.0.0.1; is the broker running? Set --broker or PINEURONS_BROKER",
            error.Message);
    }

    [Fact]
    public async Task ConnectAsync_FirstOfTwoBrokersDown_ConnectsToTheSecond()
    {
        var nobody = new BrokerAddress("mqtt", "127.0.0.1", FreePort.Pick(), false);
        var options = new MqttRequestClientOptions { Brokers = BrokerList.Parse($"{nobody},{_broker.Url}"), Root = "pineurons", Timeout = Timeout };
        await using var watcher = await MqttProbe.ConnectAsync(_broker.Url, "pineurons/x/kick");

        await using var client = await MqttRequestClient.ConnectAsync(options, TimeProvider.System, CancellationToken.None);
        await client.PublishAsync("pineurons/x/kick", "cli"u8.ToArray());

        Assert.Equal("cli", MqttProbe.PayloadOf(await watcher.WaitForAsync(m => m.Topic == "pineurons/x/kick", Timeout)));
    }

    [Fact]
    public async Task ConnectAsync_NoneOfTwoBrokers_NamesEachAndWhy()
    {
        var first = new BrokerAddress("mqtt", "127.0.0.1", FreePort.Pick(), false);
        var second = new BrokerAddress("mqtt", "127.0.0.1", FreePort.Pick(), false);
        var options = new MqttRequestClientOptions { Brokers = BrokerList.Of([first, second]), Root = "pineurons", Timeout = TimeSpan.FromSeconds(2) };

        var error = await Assert.ThrowsAsync<BrokerUnreachableException>(
            () => MqttRequestClient.ConnectAsync(options, TimeProvider.System, CancellationToken.None));

        Assert.Equal(
            $"cannot reach any of the 2 brokers: {first}: nothing accepts connections on port {first.Port} of 127.0.0.1; "
            + $"{second}: nothing accepts connections on port {second.Port} of 127.0.0.1",
            error.Message);
    }

    private Task<MqttRequestClient> ConnectAsync() =>
        MqttRequestClient.ConnectAsync(BrokerAddress.Parse(_broker.Url), "pineurons", Timeout, TimeProvider.System, CancellationToken.None);
}
