using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace PiNeurons.Testing;

/// <summary>
/// A plain MQTTnet client for tests, independent of the code under test: subscribes, records
/// every message, waits for one matching a predicate, publishes.
/// </summary>
public sealed class MqttProbe : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private readonly IMqttClient _client;
    private readonly List<MqttApplicationMessage> _received = [];
    private readonly List<(Func<MqttApplicationMessage, bool> Predicate, TaskCompletionSource<MqttApplicationMessage> Signal)> _waiters = [];

    private readonly TaskCompletionSource _dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MqttProbe(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            OnReceived(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += e =>
        {
            // Only a connection that was up can drop (a refused CONNECT raises the event too).
            if (e.ClientWasConnected)
            {
                _dropped.TrySetResult();
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Completes when the connection, once up, drops: the broker closed it (a session taken over) or the client did.</summary>
    public Task Dropped => _dropped.Task;

    /// <summary>The underlying client, e.g. to drop it uncleanly with Dispose.</summary>
    public IMqttClient Client => _client;

    /// <summary>Every message received so far, in arrival order.</summary>
    public IReadOnlyList<MqttApplicationMessage> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Connects to <c>mqtt://host:port</c> (MQTT 5) and subscribes at QoS 1.</summary>
    public static Task<MqttProbe> ConnectAsync(string url, params string[] subscriptions)
    {
        var uri = new Uri(url);
        return ConnectAsync(uri.Host, uri.Port, subscriptions);
    }

    /// <summary>Connects to host:port (MQTT 5) and subscribes at QoS 1.</summary>
    public static Task<MqttProbe> ConnectAsync(string host, int port, params string[] subscriptions) =>
        ConnectAsync(host, port, configure: null, subscriptions);

    /// <summary>Connects with extra client options (a will, a client id...) and subscribes at QoS 1.</summary>
    public static async Task<MqttProbe> ConnectAsync(
        string host, int port, Action<MqttClientOptionsBuilder>? configure, params string[] subscriptions)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var probe = new MqttProbe(client);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId($"probe-{Guid.NewGuid():N}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(DefaultTimeout);
        configure?.Invoke(builder);
        await client.ConnectAsync(builder.Build(), CancellationToken.None);
        if (subscriptions.Length > 0)
        {
            await probe.SubscribeAsync(subscriptions);
        }

        return probe;
    }

    /// <summary>Subscribes at QoS 1; returns the broker's answer to each filter, in order (a broker refuses a filter
    /// in its SUBACK, not with an error).</summary>
    public async Task<IReadOnlyList<MqttClientSubscribeResultCode>> SubscribeAsync(params string[] filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var result = await _client.SubscribeAsync(subscribe.Build(), CancellationToken.None);
        return [.. result.Items.Select(i => i.ResultCode)];
    }

    /// <summary>Waits for a message matching <paramref name="predicate"/> (already received ones count).</summary>
    /// <exception cref="TimeoutException">None arrived in time; the message lists what did arrive.</exception>
    public async Task<MqttApplicationMessage> WaitForAsync(Func<MqttApplicationMessage, bool> predicate, TimeSpan? timeout = null)
    {
        var signal = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_received)
        {
            var existing = _received.FirstOrDefault(predicate);
            if (existing is not null)
            {
                return existing;
            }

            _waiters.Add((predicate, signal));
        }

        var wait = timeout ?? DefaultTimeout;
        try
        {
            return await signal.Task.WaitAsync(wait);
        }
        catch (TimeoutException)
        {
            lock (_received)
            {
                _waiters.RemoveAll(w => w.Signal == signal);
            }

            throw new TimeoutException($"no matching message within {wait.TotalSeconds:0.#} s; received: {Describe(Received)}");
        }
    }

    /// <summary>Waits for a message on <paramref name="topic"/>, optionally with the given payload.</summary>
    public Task<MqttApplicationMessage> WaitForAsync(string topic, string? payload = null, TimeSpan? timeout = null) =>
        WaitForAsync(m => m.Topic == topic && (payload is null || PayloadOf(m) == payload), timeout);

    /// <summary>Publishes a UTF-8 payload.</summary>
    public async Task PublishAsync(
        string topic,
        string payload,
        bool retain = false,
        MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce,
        Action<MqttApplicationMessageBuilder>? configure = null)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(qos);
        configure?.Invoke(builder);
        await _client.PublishAsync(builder.Build(), CancellationToken.None);
    }

    /// <summary>The payload as UTF-8 text.</summary>
    public static string PayloadOf(MqttApplicationMessage message) =>
        message.Payload.IsEmpty ? string.Empty : Encoding.UTF8.GetString(message.Payload);

    /// <summary>Disconnects cleanly if still connected.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
            }
        }

        _client.Dispose();
    }

    private static string Describe(IReadOnlyList<MqttApplicationMessage> messages) =>
        messages.Count == 0 ? "(nothing)" : string.Join("; ", messages.Select(m => $"{m.Topic}='{PayloadOf(m)}'{(m.Retain ? " (retained)" : "")}"));

    private void OnReceived(MqttApplicationMessage message)
    {
        List<TaskCompletionSource<MqttApplicationMessage>> matched = [];
        lock (_received)
        {
            _received.Add(message);
            foreach (var waiter in _waiters.Where(w => w.Predicate(message)).ToList())
            {
                matched.Add(waiter.Signal);
                _waiters.Remove(waiter);
            }
        }

        foreach (var signal in matched)
        {
            signal.TrySetResult(message);
        }
    }
}
