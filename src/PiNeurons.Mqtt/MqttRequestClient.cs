using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Protocol;
using PiNeurons.Mqtt.Internal;

namespace PiNeurons.Mqtt;

/// <summary>
/// A short-lived MQTT 5 client for the CLI: publish, request/response (a response topic of its own
/// plus fresh correlation data per request) and streaming subscriptions.
/// </summary>
public sealed partial class MqttRequestClient : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<MqttApplicationMessage>> _pending = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _responseTopic;

    private MqttRequestClient(IMqttClient client, string clientId, ILogger logger, TimeProvider time)
    {
        Client = client;
        ClientId = clientId;
        _logger = logger;
        _time = time;
        _responseTopic = $"pineurons-replies/{clientId}";
        client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
    }

    /// <summary>The underlying MQTTnet client, for advanced use.</summary>
    public IMqttClient Client { get; }

    /// <summary>This client's id: the prefix plus a random suffix.</summary>
    public string ClientId { get; }

    /// <summary>Connects (MQTT 5, clean start) and subscribes to this client's response topic.</summary>
    /// <exception cref="BrokerUnreachableException">No broker answered within a few seconds.</exception>
    /// <exception cref="MqttConnectionFatalException">The broker refused the client (credentials, authorization).</exception>
    public static async Task<MqttRequestClient> ConnectAsync(
        BrokerAddress broker, string clientIdPrefix, ILogger? logger, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(time);
        var clientId = $"{clientIdPrefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var client = new MqttClientFactory().CreateMqttClient();
        var self = new MqttRequestClient(client, clientId, logger ?? NullLogger.Instance, time);
        MqttClientConnectResult? refused = null;
        client.DisconnectedAsync += e =>
        {
            refused ??= e.ConnectResult;
            return Task.CompletedTask;
        };
        using var timeout = new CancellationTokenSource(ConnectTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            var options = ClientOptionsFactory.Build(ClientOptionsFactory.NewBuilder(broker, clientId, ConnectTimeout).WithCleanStart(true));
            var result = await client.ConnectAsync(options, linked.Token);
            ThrowIfRefused(broker, clientId, result.ResultCode, null);
            await client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(self._responseTopic, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                linked.Token);
        }
        catch (Exception ex) when (ex is not MqttConnectionFatalException && !ct.IsCancellationRequested)
        {
            client.Dispose();
            if (refused is { } r)
            {
                ThrowIfRefused(broker, clientId, r.ResultCode, ex);
            }

            var reason = ex is OperationCanceledException ? $"no answer within {ConnectTimeout.TotalSeconds:0} s" : ex.GetBaseException().Message;
            throw new BrokerUnreachableException(broker, reason, ex);
        }

        self._logger.RequestClientConnected(clientId, broker, self._responseTopic);
        return self;
    }

    /// <summary>Publishes at QoS 1 and awaits the broker's ack.</summary>
    public async Task PublishAsync(
        string topic,
        ReadOnlyMemory<byte> payload,
        bool retain = false,
        IReadOnlyDictionary<string, string>? userProperties = null,
        CancellationToken ct = default)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain);
        foreach (var (name, value) in userProperties ?? new Dictionary<string, string>())
        {
            builder.WithUserProperty(name, System.Text.Encoding.UTF8.GetBytes(value).AsMemory());
        }

        await Client.PublishAsync(builder.Build(), ct);
    }

    /// <summary>
    /// Sends a request with this client's response topic and fresh 16-byte correlation data and waits
    /// for the reply carrying the same correlation data (PROTOCOL.md: <c>query</c>).
    /// </summary>
    /// <exception cref="TimeoutException">No reply within <paramref name="timeout"/>.</exception>
    public async Task<MqttApplicationMessage> RequestAsync(string topic, ReadOnlyMemory<byte> payload, TimeSpan timeout, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var reply = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        try
        {
            var request = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(new ReadOnlySequence<byte>(payload))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithResponseTopic(_responseTopic)
                .WithCorrelationData(id.ToByteArray())
                .Build();
            await Client.PublishAsync(request, ct);
            return await reply.Task.WaitAsync(timeout, _time, ct);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"no reply to '{topic}' within {timeout.TotalMilliseconds:0} ms; is the neuron online and subscribed to it?");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Disconnects cleanly; pending requests fail.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var pending in _pending.Values)
        {
            pending.TrySetCanceled();
        }

        if (Client.IsConnected)
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
            try
            {
                await Client.DisconnectAsync(new MqttClientDisconnectOptions(), bounded.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
            {
            }
        }

        Client.Dispose();
    }

    private static void ThrowIfRefused(BrokerAddress broker, string clientId, MqttClientConnectResultCode code, Exception? cause)
    {
        if (ConnectRefusal.FatalMessage(code, broker, clientId) is { } message)
        {
            throw new MqttConnectionFatalException(message, cause);
        }

        if (code != MqttClientConnectResultCode.Success)
        {
            throw new MqttConnectingFailedException($"broker answered {code}", cause);
        }
    }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (message.Topic == _responseTopic)
        {
            if (message.CorrelationData is { Length: 16 } correlation
                && _pending.TryGetValue(new Guid(correlation), out var reply))
            {
                reply.TrySetResult(message);
            }
            else
            {
                _logger.UnmatchedReply(message.Topic);
            }

            return Task.CompletedTask;
        }

        Dispatch(message);
        return Task.CompletedTask;
    }
}
