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
        await using var client = await MqttRequestClient.ConnectAsync(
            BrokerAddress.Parse(_broker.Url), "cli", null, TimeProvider.System, CancellationToken.None);

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            client.RequestAsync($"pineurons/n{i}/query", Encoding.UTF8.GetBytes($"q{i}"), Timeout, CancellationToken.None)));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"reply:q{i}"), replies.Select(r => r.PayloadAsString()));
        Assert.StartsWith("pineurons-replies/cli-", replies[0].Topic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestAsync_NobodyAnswers_ThrowsTimeoutNamingTheTopic()
    {
        await using var client = await MqttRequestClient.ConnectAsync(
            BrokerAddress.Parse(_broker.Url), "cli", null, TimeProvider.System, CancellationToken.None);

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => client.RequestAsync("pineurons/nobody/query", ReadOnlyMemory<byte>.Empty, TimeSpan.FromMilliseconds(200), CancellationToken.None));

        Assert.Contains("pineurons/nobody/query", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribeAsync_StreamsMatchingMessagesUntilCancelled()
    {
        await using var client = await MqttRequestClient.ConnectAsync(
            BrokerAddress.Parse(_broker.Url), "cli", null, TimeProvider.System, CancellationToken.None);
        await using var probe = await MqttProbe.ConnectAsync(_broker.Url);
        using var cts = new CancellationTokenSource(Timeout);
        var seen = new List<string>();
        await using var stream = client.SubscribeAsync(["pineurons/+/events"], cts.Token).GetAsyncEnumerator();
        var first = stream.MoveNextAsync(); // subscribes
        await client.PublishAsync("pineurons/warmup/events", Encoding.UTF8.GetBytes("w"), ct: cts.Token);
        await probe.PublishAsync("pineurons/other/state", "ignored");
        await probe.PublishAsync("pineurons/h1/events", "e1");

        Assert.True(await first);
        seen.Add(stream.Current.PayloadAsString());
        while (seen[^1] != "e1" && await stream.MoveNextAsync())
        {
            seen.Add(stream.Current.PayloadAsString());
        }

        Assert.DoesNotContain("ignored", seen);
        Assert.Equal("e1", seen[^1]);
    }

    [Fact]
    public async Task ConnectAsync_NoBroker_ThrowsBrokerUnreachableWithHint()
    {
        var address = new BrokerAddress("mqtt", "127.0.0.1", FreePort.Pick(), false);

        var error = await Assert.ThrowsAsync<BrokerUnreachableException>(
            () => MqttRequestClient.ConnectAsync(address, "cli", null, TimeProvider.System, CancellationToken.None));

        Assert.StartsWith($"cannot reach the broker at {address}: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Is it running? Set --broker or PINEURONS_BROKER.", error.Message, StringComparison.Ordinal);
    }
}
