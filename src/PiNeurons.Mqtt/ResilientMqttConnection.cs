using Microsoft.Extensions.Logging;
using MQTTnet;
using PiNeurons.Mqtt.Internal;

namespace PiNeurons.Mqtt;

/// <summary>
/// One MQTT 5 connection that stays up: <see cref="RunAsync"/> connects, subscribes, runs
/// <see cref="MqttConnectionHandlers.Connected"/> and reconnects with backoff when the broker goes away (to the next
/// broker of <see cref="MqttConnectionOptions.Brokers"/> when there are several); an outbox keeps
/// messages while disconnected and pipelines QoS 1 publishes while connected.
/// MQTTnet v5 has no managed client, so this is the supervisor its samples ask callers to write.
/// </summary>
public sealed class ResilientMqttConnection : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly MqttConnectionOptions _options;
    private readonly IMqttClient _client;
    private readonly ConnectionReadiness _readiness;
    private readonly Outbox _outbox;
    private readonly ConnectionSupervisor _supervisor;
    private readonly ConnectionShutdown _shutdown;

    /// <summary>
    /// Creates the connection, calling <paramref name="handlers"/> from then on; nothing touches the network
    /// until <see cref="RunAsync"/>.
    /// </summary>
    public ResilientMqttConnection(
        MqttConnectionOptions options, MqttConnectionHandlers handlers, ILogger<ResilientMqttConnection> logger, TimeProvider time)
        : this(options, handlers, logger, time, MqttNetClientFactory.Instance)
    {
    }

    /// <summary>Creates the connection on a client from <paramref name="clients"/>.</summary>
    internal ResilientMqttConnection(
        MqttConnectionOptions options,
        MqttConnectionHandlers handlers,
        ILogger<ResilientMqttConnection> logger,
        TimeProvider time,
        IMqttClientFactory clients)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(clients);
        options.Validate();
        _options = options;
        _readiness = new ConnectionReadiness(OnReadinessChanged);
        var certificateCheck = ClientOptionsFactory.CheckFor(options.Tls, time);
        // Cancelled when the connection ends: handlers in progress and publishes not yet acknowledged give up.
        var lifetime = new CancellationTokenSource();
        _client = clients.Create();
        _client.ApplicationMessageReceivedAsync += new MessageDispatcher(handlers, logger, lifetime.Token).OnReceivedAsync;
        _outbox = new Outbox(_client, options.OutboxCapacity, options.MaxInFlight, _readiness, time, logger, lifetime.Token);
        var clientOptions = options.Brokers.ToDictionary(b => b, b => ClientOptionsFactory.Create(options, b, ConnectTimeout, certificateCheck));
        var start = new SessionStart(_client, broker => clientOptions[broker], options, handlers.Connected, logger);
        _supervisor = new ConnectionSupervisor(_client, start, _readiness, _outbox, options, certificateCheck, time, logger);
        _shutdown = new ConnectionShutdown(_client, _supervisor, _outbox, _readiness, lifetime, logger);
    }

    /// <summary>Raised with true when the connection becomes ready and with false when it is lost.</summary>
    public event EventHandler<bool>? ConnectionChanged;

    /// <summary>True when connected, subscribed and past <see cref="MqttConnectionHandlers.Connected"/>.</summary>
    public bool IsConnected => _readiness.IsReady;

    /// <summary>The broker the connection is, or was last, in session with, and what it supports; null before the first
    /// connect. With several brokers, it says which one of them is in use.</summary>
    public BrokerSession? Session => _supervisor.Session;

    /// <summary>The options this connection was created with.</summary>
    public MqttConnectionOptions Options => _options;

    /// <summary>Messages refused by <see cref="Enqueue"/> because the outbox was full.</summary>
    public long DroppedFull => _outbox.DroppedFull;

    /// <summary>Messages dropped because their max age passed before they could be sent.</summary>
    public long DroppedStale => _outbox.DroppedStale;

    /// <summary>Outbox publishes that failed (typically started just before the connection dropped).</summary>
    public long PublishFailures => _outbox.PublishFailures;

    /// <summary>Messages waiting in the outbox.</summary>
    public int OutboxCount => _outbox.Count;

    /// <summary>Completes when the connection is ready (at once if it already is).</summary>
    public Task WaitUntilConnectedAsync(CancellationToken ct) => _readiness.WaitAsync(ct);

    /// <summary>
    /// Keeps the connection up until <paramref name="ct"/> is cancelled (then completes normally) or
    /// the broker refuses this client for good.
    /// </summary>
    /// <exception cref="MqttConnectionFatalException">Bad credentials, not authorized, or the session was taken over.</exception>
    public async Task RunAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_shutdown.IsDisposed, this);
        await _supervisor.RunAsync(ct);
    }

    /// <summary>
    /// Publishes now, bypassing the outbox, and awaits the broker's acknowledgement (for QoS 1).
    /// Works inside <see cref="MqttConnectionHandlers.Connected"/> too, where the session is up but not yet "ready".
    /// </summary>
    /// <exception cref="InvalidOperationException">No session with the broker, or the broker rejected the message.</exception>
    public async Task PublishAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_client.IsConnected)
        {
            throw new InvalidOperationException($"not connected to the broker at {_supervisor.Broker}");
        }

        var result = await _client.PublishAsync(message, ct);
        if (!PublishAck.IsAccepted(result))
        {
            throw new InvalidOperationException(
                $"broker {_supervisor.Broker} rejected the message for '{message.Topic}': {result.ReasonCode} {result.ReasonString}");
        }
    }

    /// <summary>
    /// Queues a message without blocking; it is published in order once the connection is ready.
    /// A message still unsent after <paramref name="maxAge"/> is dropped, so a kick older than the
    /// neuron's input lasting time is not replayed late after a reconnect.
    /// </summary>
    /// <returns>False when the outbox is full (counted in <see cref="DroppedFull"/>) or stopped.</returns>
    public bool Enqueue(MqttApplicationMessage message, TimeSpan? maxAge = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _outbox.Enqueue(message, maxAge);
    }

    /// <summary>
    /// Stops the supervisor, flushes the outbox if connected (bounded by <paramref name="ct"/>),
    /// publishes <paramref name="lastMessage"/> (the retained <c>offline</c> status) and awaits its
    /// ack, then sends a normal DISCONNECT. Safe to call when not connected, more than once (later calls
    /// share the first stop), and after <see cref="DisposeAsync"/> (then it does nothing): a host may stop
    /// and dispose a service from two paths at once.
    /// </summary>
    public Task StopAsync(MqttApplicationMessage? lastMessage, CancellationToken ct) => _shutdown.StopAsync(lastMessage, ct);

    /// <summary>
    /// Stops everything without a DISCONNECT: the broker sees an unclean drop and publishes the will.
    /// Call <see cref="StopAsync"/> first for a clean shutdown.
    /// </summary>
    public ValueTask DisposeAsync() => _shutdown.DisposeAsync();

    private void OnReadinessChanged(bool ready)
    {
        if (!ready)
        {
            // Outbox publish failures are logged once per outage: the next outage logs again.
            _outbox.RearmFailureLog();
        }

        ConnectionChanged?.Invoke(this, ready);
    }
}
