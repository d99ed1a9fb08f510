using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Infrastructure;

/// <summary>
/// A plain MQTT 5 client for the demo and the bench: subscribes to topic filters and hands every message
/// over with the moment it arrived, and publishes kicks. Receipt time is taken in the receive handler,
/// before any queueing, so latency figures measure the broker path and the neurons, not this client.
/// </summary>
internal sealed class NetworkObserver : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly Channel<ObservedMessage> _messages = Channel.CreateUnbounded<ObservedMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TimeProvider _time;

    private NetworkObserver(IMqttClient client, TimeProvider time)
    {
        _client = client;
        _time = time;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _messages.Writer.TryWrite(new ObservedMessage(e.ApplicationMessage.Topic, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload), _time.GetTimestamp()));
            return Task.CompletedTask;
        };
    }

    /// <summary>Messages as they arrive.</summary>
    public ChannelReader<ObservedMessage> Messages => _messages.Reader;

    public static async Task<NetworkObserver> ConnectAsync(BrokerAddress broker, TimeProvider time, IEnumerable<string> filters, CancellationToken ct)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"pineurons-cli-{Guid.NewGuid():N}"[..28])
            .WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();
        try
        {
            await client.ConnectAsync(options, ct);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or TimeoutException
                                       && !ct.IsCancellationRequested)
        {
            client.Dispose();
            throw new BrokerUnreachableException(broker, ex.Message, ex);
        }

        var observer = new NetworkObserver(client, time);
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            subscribe.WithTopicFilter(filter, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await client.SubscribeAsync(subscribe.Build(), ct);
        return observer;
    }

    public Task PublishAsync(string topic, string payload, MQTTnet.Protocol.MqttQualityOfServiceLevel qos, CancellationToken ct) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(qos).Build(), ct);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}

/// <summary>A message and the <see cref="TimeProvider.GetTimestamp"/> at which it arrived.</summary>
internal readonly record struct ObservedMessage(string Topic, byte[] Payload, long ReceivedAt);
