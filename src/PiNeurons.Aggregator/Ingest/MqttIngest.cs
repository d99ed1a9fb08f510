using MQTTnet;
using PiNeurons.Aggregator.Hosting;
using PiNeurons.Aggregator.Metrics;
using PiNeurons.Mqtt;

namespace PiNeurons.Aggregator.Ingest;

/// <summary>
/// The aggregator's one MQTT session: persistent (clean start off, a session expiry), subscribed at QoS 1
/// to every neuron's events (through a shared subscription when replicas split the work: see <see cref="IngestMode"/>),
/// status and state. The broker queues events while the aggregator is away and delivers them when it returns.
/// Also the way the HTTP command endpoints publish.
/// </summary>
public sealed class MqttIngest : BackgroundService, IAsyncDisposable
{
    private readonly AggregatorSettings _settings;
    private readonly IngestQueue _queue;
    private readonly AggregatorMetrics _metrics;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ResilientMqttConnection _connection;
    private string _eventsFilter = string.Empty;
    private int _groupIgnoredLogged;
    // A state with the largest config the protocol allows (1024 weights and connections of 64-character ids) is
    // about 170 KB, more than a command's 64 KiB; anything beyond this is not a neuron's state.
    private const int MaxStateBytes = 256 * 1024;


    internal MqttIngest(
        AggregatorSettings settings,
        IngestQueue queue,
        AggregatorMetrics metrics,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers,
        TimeProvider time)
    {
        _settings = settings;
        _queue = queue;
        _metrics = metrics;
        _lifetime = lifetime;
        _logger = loggers.CreateLogger<MqttIngest>();
        _time = time;
        // Before any CONNACK the broker's answer is unknown, which counts as "allowed" (as in MQTT 5): the filter is
        // $share/GROUP/... when a group is set. On a broker that says it has no shared subscriptions the connection
        // subscribes to the plain filter instead, and Connected below records the mode that makes.
        OnBrokerSession(brokerAllowsShared: null);
        _connection = new ResilientMqttConnection(
            new MqttConnectionOptions
            {
                Brokers = settings.Broker,
                ClientId = settings.ClientId,
                CleanStart = false,
                SessionExpirySeconds = settings.SessionExpirySeconds,
                // Retained status and state come with every (re)subscribe; shared subscriptions get no
                // retained messages, so those two stay ordinary subscriptions on every replica.
                Subscriptions = [_eventsFilter, settings.Topics.AllStatus, settings.Topics.AllState],
                UserName = settings.Username,
                Password = settings.Password,
                Tls = settings.Tls,
                MaxBackoff = TimeSpan.FromSeconds(5),
            },
            new MqttConnectionHandlers { DeliveryReceived = OnDeliveryAsync, Connected = OnConnectedAsync },
            loggers.CreateLogger<ResilientMqttConnection>(),
            time);
        _connection.ConnectionChanged += (_, up) => _metrics.MqttConnected = up;
    }

    /// <summary>Set when the broker refused the aggregator for good (bad credentials): the process exits with 4.</summary>
    public bool Refused { get; private set; }

    /// <summary>True while the session is up.</summary>
    public bool IsConnected => _connection.IsConnected;

    /// <summary>How this replica takes the events now.</summary>
    public IngestMode Mode { get; private set; }

    /// <summary>
    /// Decides the mode for a broker session from <c>--shared-group</c> and the broker's answer (see
    /// <see cref="IngestModeDecision.Decide"/>), reports it in <c>/metrics</c> and, once the broker has answered, in the
    /// log; warns once when the broker makes the group be ignored, and returns the events filter to subscribe with.
    /// </summary>
    internal string OnBrokerSession(bool? brokerAllowsShared, BrokerAddress? broker = null)
    {
        var group = _settings.SharedGroup;
        Mode = IngestModeDecision.Decide(group, brokerAllowsShared);
        _metrics.IngestMode = Mode;
        _eventsFilter = IngestModeDecision.EventsFilter(_settings.Topics, group, Mode);
        var brokerName = broker?.ToString() ?? _settings.Broker.ToString();
        if (group is not null && Mode == IngestMode.All && Interlocked.Exchange(ref _groupIgnoredLogged, 1) == 0)
        {
            _logger.SharedGroupIgnored(group, brokerName);
        }

        // Before the first CONNACK the mode is only what the options ask for: the log says the mode a broker gave.
        if (brokerAllowsShared is not null)
        {
            _logger.IngestModeDecided(brokerName, IngestModeDecision.Label(Mode), _eventsFilter);
        }

        return _eventsFilter;
    }

    // Each broker of a cluster answers for itself: the mode is decided again at every connect.
    private Task OnConnectedAsync(CancellationToken ct)
    {
        if (_connection.Session is { } session)
        {
            OnBrokerSession(session.SharedSubscriptionAvailable, session.Address);
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes once connected and subscribed.</summary>
    public Task WaitUntilConnectedAsync(CancellationToken ct) => _connection.WaitUntilConnectedAsync(ct);

    /// <summary>Publishes a command at QoS 1 and waits for the broker's acknowledgement.</summary>
    /// <exception cref="InvalidOperationException">Not connected, or the broker refused it.</exception>
    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken ct) =>
        _connection.PublishAsync(MqttMessages.Create(topic, payload), ct);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _logger.Started(_settings.Broker, _settings.ClientId, _settings.SessionExpirySeconds);
        try
        {
            await _connection.RunAsync(stoppingToken);
        }
        catch (MqttConnectionFatalException ex)
        {
            _logger.Fatal(ex.Message);
            Refused = true;
            _lifetime.StopApplication();
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // DISCONNECT keeps the session (its expiry comes from CONNECT): the broker queues events until we return.
        await _connection.StopAsync(null, cancellationToken);
        await base.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        base.Dispose();
    }

    private ValueTask OnDeliveryAsync(MqttApplicationMessageReceivedEventArgs e, CancellationToken ct)
    {
        IngestItem item;
        try
        {
            item = Classify(e.ApplicationMessage, e);
        }
#pragma warning disable CA1031 // whatever a message holds, it must still be queued so that it and those after it get acknowledged
        catch (Exception ex)
#pragma warning restore CA1031
        {
            item = new IngestItem(IngestKind.Event, string.Empty, null, $"unreadable: {ex.GetType().Name}", default, e);
        }

        return _queue.WriteAsync(item, ct);
    }

    private IngestItem Classify(MqttApplicationMessage message, MqttApplicationMessageReceivedEventArgs delivery)
    {
        if (!_settings.Topics.TrySplit(message.Topic, out var id, out var leaf))
        {
            return new IngestItem(IngestKind.Ignored, string.Empty, null, null, default, delivery);
        }

        // Copied out: MQTTnet may reuse the receive buffer once the handler returns.
        var payload = message.PayloadSpan();
        var now = _time.GetUtcNow();
        switch (leaf)
        {
            case "events":
                var e = EventParser.Parse(id, payload, now, out var rejection);
                return new IngestItem(IngestKind.Event, id, e, rejection, default, delivery, message.Retain, now);
            case "status":
                return new IngestItem(IngestKind.Status, id, null, null, payload.ToArray(), delivery, message.Retain, now);
            case "state" when payload.Length > MaxStateBytes:
                return new IngestItem(IngestKind.Event, id, null, "oversized-state", default, delivery);
            case "state":
                return new IngestItem(IngestKind.State, id, null, null, payload.ToArray(), delivery, message.Retain, now);
            default:
                return new IngestItem(IngestKind.Ignored, id, null, null, default, delivery);
        }
    }
}
