using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Protocol;
using PiNeurons.Mqtt.Internal;

namespace PiNeurons.Mqtt;

/// <summary>
/// A short-lived MQTT 5 connection for tools (the CLI, the demo, the bench): publish, request/response
/// (response topic + correlation data, as docs/protocol.md's query and set use) and a stream of subscribed
/// messages stamped with their arrival time. A one-shot tool needs none of the node's reconnecting
/// machinery: if the broker goes, the stream ends with <see cref="BrokerUnreachableException"/>.
/// </summary>
public sealed class MqttRequestClient : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly BrokerAddress _broker;
    private readonly string? _userName;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<MqttApplicationMessage>> _pending = new(StringComparer.Ordinal);
    private readonly Channel<ReceivedMessage> _incoming = Channel.CreateUnbounded<ReceivedMessage>(
        new UnboundedChannelOptions { SingleReader = true });

    private static readonly TimeSpan LibraryTimeoutMargin = TimeSpan.FromSeconds(5);

    private MqttClientConnectResultCode? _refusal;

    private MqttRequestClient(IMqttClient client, BrokerAddress broker, string? userName, string replyTopic, TimeProvider time)
    {
        _client = client;
        _broker = broker;
        _userName = userName;
        ReplyTopic = replyTopic;
        _time = time;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    /// <summary>Where this client's replies arrive: one topic per client, so clients never see each other's answers.
    /// Outside the root (<c>&lt;root&gt;-replies/&lt;client id&gt;</c>), so nothing there looks like a neuron.</summary>
    public string ReplyTopic { get; }

    /// <summary>Messages of the filters passed to <see cref="SubscribeAsync"/>, in arrival order; completes
    /// with a <see cref="BrokerUnreachableException"/> when the connection drops.</summary>
    public ChannelReader<ReceivedMessage> Incoming => _incoming.Reader;

    /// <summary>Connects (MQTT 5, clean start) and subscribes to the reply topic <c>&lt;root&gt;-replies/&lt;client id&gt;</c>.</summary>
    /// <exception cref="BrokerUnreachableException">Nothing answered at <paramref name="broker"/> in time.</exception>
    /// <exception cref="MqttConnectionFatalException">The broker refused our credentials.</exception>
    public static Task<MqttRequestClient> ConnectAsync(BrokerAddress broker, string root, TimeSpan timeout, TimeProvider time, CancellationToken ct) =>
        ConnectAsync(new MqttRequestClientOptions { Brokers = broker, Root = root, Timeout = timeout }, time, ct);

    /// <summary>Connects (MQTT 5, clean start) as <see cref="MqttRequestClientOptions.UserName"/>, if given, to the first
    /// of the brokers that answers, and subscribes to the reply topic <c>&lt;root&gt;-replies/&lt;client id&gt;</c>.</summary>
    /// <exception cref="BrokerUnreachableException">No broker answered in time.</exception>
    /// <exception cref="MqttConnectionFatalException">The broker refused our credentials (or their absence).</exception>
    public static async Task<MqttRequestClient> ConnectAsync(MqttRequestClientOptions options, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<BrokerUnreachableException>();
        // Each broker gets its share of the timeout: a node that is down and silent must leave time for the next.
        var each = options.Timeout / options.Brokers.Count;
        foreach (var broker in options.Brokers)
        {
            try
            {
                return await ConnectToAsync(broker, options, each, time, ct);
            }
            catch (BrokerUnreachableException ex)
            {
                // A cluster node that is down: the next one serves the same topics. A refusal of the login is not
                // caught: every node of a cluster shares the users, so the next one would refuse it too.
                failures.Add(ex);
            }
        }

        throw BrokerUnreachableException.NoneOf(failures);
    }

    private static async Task<MqttRequestClient> ConnectToAsync(
        BrokerAddress broker, MqttRequestClientOptions options, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var clientId = "pineurons-cli-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var client = new MqttClientFactory().CreateMqttClient();
        var mqtt = new MqttRequestClient(client, broker, options.UserName, $"{options.Root}-replies/{clientId}", time);
        var check = ClientOptionsFactory.CheckFor(options.Tls, time);
        // MQTTnet's own timeout ends a silent CONNECT as "Connection closed", which reads like a broker that hung up:
        // the deadline below comes first, bounds the whole handshake (subscription included) and says what happened.
        var builder = ClientOptionsFactory.NewBuilder(broker, clientId, timeout + LibraryTimeoutMargin, options.Tls, check)
            .WithCleanStart(true);
        if (options.UserName is not null)
        {
            builder.WithCredentials(options.UserName, options.Password);
        }

        using var timer = new CancellationTokenSource(timeout, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            var result = await client.ConnectAsync(builder.Build(), deadline.Token);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw Refused(broker, options.UserName, result.ResultCode, null);
            }

            await client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(mqtt.ReplyTopic, MqttQualityOfServiceLevel.AtLeastOnce).Build(), deadline.Token);
            return mqtt;
        }
        catch (MqttConnectingFailedException ex) when (mqtt._refusal is { } code && IsRefusal(code))
        {
            // A refused CONNACK surfaces as this exception; its result code came with the Disconnected event.
            client.Dispose();
            throw Refused(broker, options.UserName, code, ex);
        }
        catch (Exception ex) when (ct.IsCancellationRequested && ex is not OperationCanceledException)
        {
            // The caller's cancellation, whatever MQTTnet made of it: the caller says what it means.
            client.Dispose();
            throw new OperationCanceledException(ct);
        }
        catch (Exception) when (timer.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Cancelled by the deadline, whatever MQTTnet made of the cancellation ("Connection closed" among others).
            client.Dispose();
            throw BrokerUnreachableException.NoAnswer(broker, timeout);
        }
        catch (Exception ex) when (ex is not MqttConnectionFatalException && (ex is not OperationCanceledException || !ct.IsCancellationRequested))
        {
            client.Dispose();
            throw ConnectFailure.Describe(ex, broker, timeout, check);
        }
    }

    /// <summary>Publishes (QoS 1 unless told otherwise) and waits for the broker's acknowledgement.</summary>
    public async Task PublishAsync(
        string topic,
        ReadOnlyMemory<byte> payload,
        (string Name, string Value)? userProperty = null,
        MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce,
        CancellationToken ct = default)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithQualityOfServiceLevel(qos);
        if (userProperty is { } property)
        {
            builder.WithUserProperty(property.Name, System.Text.Encoding.UTF8.GetBytes(property.Value).AsMemory());
        }

        var result = await _client.PublishAsync(builder.Build(), ct);
        ThrowIfRefused(topic, result);
    }

    /// <summary>Publishes with our reply topic and fresh correlation data, and waits for the matching reply.</summary>
    /// <exception cref="TimeoutException">No reply within <paramref name="timeout"/>.</exception>
    public async Task<MqttApplicationMessage> RequestAsync(string topic, ReadOnlyMemory<byte> payload, TimeSpan timeout, CancellationToken ct)
    {
        var correlation = RandomNumberGenerator.GetBytes(16);
        var key = Convert.ToHexString(correlation);
        var reply = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[key] = reply;
        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(new ReadOnlySequence<byte>(payload))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithResponseTopic(ReplyTopic)
                .WithCorrelationData(correlation)
                .Build();
            ThrowIfRefused(topic, await _client.PublishAsync(message, ct));
            return await reply.Task.WaitAsync(timeout, _time, ct);
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// Waits until every message the broker sent before this call has reached <see cref="Incoming"/>: it sends itself a
    /// message on <see cref="ReplyTopic"/>, which the broker queues behind them (retained messages of a subscription
    /// included) and which arrives in order. This is how a tool knows it has all of a subscription's retained messages.
    /// </summary>
    /// <returns>False when the echo was refused or did not come back in time (a broker whose ACL forbids writing the reply topic).</returns>
    public async Task<bool> SyncAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await RequestAsync(ReplyTopic, ReadOnlyMemory<byte>.Empty, timeout, ct);
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException or PublishRefusedException)
        {
            return false;
        }
    }

    /// <summary>Subscribes at QoS 1; the messages arrive on <see cref="Incoming"/>.</summary>
    public async Task SubscribeAsync(IEnumerable<string> filters, CancellationToken ct)
    {
        var options = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            options.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await _client.SubscribeAsync(options.Build(), ct);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _client.DisconnectedAsync -= OnDisconnectedAsync;
        if (_client.IsConnected)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cts.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
            {
                // Leaving anyway: the broker notices the closed socket.
            }
        }

        _client.Dispose();
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (string.Equals(message.Topic, ReplyTopic, StringComparison.Ordinal))
        {
            if (message.CorrelationData is { Length: > 0 } data && _pending.TryGetValue(Convert.ToHexString(data), out var waiter))
            {
                waiter.TrySetResult(message);
            }

            return Task.CompletedTask;
        }

        // Stamped here, before any queueing, so latency figures measure the broker path, not this reader.
        _incoming.Writer.TryWrite(new ReceivedMessage(message, _time.GetTimestamp()));
        return Task.CompletedTask;
    }

    private async Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        _refusal = e.ConnectResult?.ResultCode;
        if (!e.ClientWasConnected)
        {
            return;
        }

        _incoming.Writer.TryComplete(ConnectRefusal.IsSessionTakenOver(e) || await StillListeningAsync()
            ? new MqttConnectionFatalException(ConnectRefusal.TakenOverFromTool(_broker, _userName))
            : new BrokerUnreachableException(_broker, "the connection was lost" + (e.Exception is { } ex ? $" ({OneLine(ex)})" : ""), "is the broker still running?"));
    }

    // Mosquitto 2.0.11 ends a taken-over connection by closing it, with no reason code (measured with
    // use_username_as_clientid), exactly as it ends connections when it stops. What tells them apart: a broker that
    // took the connection over still accepts new ones. Only TCP is tried: an MQTT login could take another over.
    private async Task<bool> StillListeningAsync()
    {
        try
        {
            using var socket = new System.Net.Sockets.TcpClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
            await socket.ConnectAsync(_broker.Host, _broker.Port, cts.Token);
            return true;
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static Exception Refused(BrokerAddress broker, string? userName, MqttClientConnectResultCode code, Exception? inner) => IsRefusal(code)
        ? new MqttConnectionFatalException(
            $"broker {broker} refused {(userName is null ? "an anonymous login" : $"the login as '{userName}'")} ({code}): "
            + (userName is null
                ? "it may require a login: --username NAME --password-file FILE (or PINEURONS_USERNAME, PINEURONS_PASSWORD_FILE)"
                : "check the MQTT user name, password and access rules"),
            inner)
        : new BrokerUnreachableException(broker, $"it refused the connection ({code})", null, inner);

    private static bool IsRefusal(MqttClientConnectResultCode code) => code is
        MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized
        or MqttClientConnectResultCode.Banned or MqttClientConnectResultCode.BadAuthenticationMethod;

    // A broker that denies a publication (an ACL) still acknowledges it, with a reason code: without this check the
    // tool would report a kick nobody received. "No matching subscribers" is a success: the message was accepted.
    private void ThrowIfRefused(string topic, MqttClientPublishResult result)
    {
        if (!result.IsSuccess)
        {
            throw new PublishRefusedException(_broker, topic, result.ReasonCode.ToString(), _userName);
        }
    }

    private static string OneLine(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null && inner is not System.Net.Sockets.SocketException)
        {
            inner = inner.InnerException;
        }

        return inner.Message.Split('\n')[0].Trim();
    }
}

/// <summary>A subscribed message and the <see cref="TimeProvider.GetTimestamp"/> at which it arrived.</summary>
/// <param name="Message">The message.</param>
/// <param name="ReceivedAt">Its arrival timestamp.</param>
public readonly record struct ReceivedMessage(MqttApplicationMessage Message, long ReceivedAt);
