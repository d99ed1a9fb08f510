using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using MQTTnet;
using PiNeurons.Mqtt;
using PiNeurons.Node.Persistence;

namespace PiNeurons.Node.HomeAssistant;

/// <summary>
/// Keeps a node's neurons announced to Home Assistant over the connection of its first neuron (the cluster's broker
/// pins a neuron's login to its one client id, or on the certificate listener makes the client id the login, so a
/// second connection under the neuron's login would take the first one's place): publishes every config retained (QoS 1) after each (re)connect, again a random 1-5 s after Home Assistant says
/// <c>online</c> on <c>&lt;prefix&gt;/status</c> (as its MQTT discovery docs ask, so a restarting Home
/// Assistant is not flooded by every device at once), and once per run clears the configs announced by an
/// earlier run that this run no longer has (a neuron or sensor removed from the manifest).
/// </summary>
internal sealed class DiscoveryAnnouncer : IDisposable
{
    private readonly IReadOnlyList<DiscoveryMessage> _configs;
    private readonly string _statusTopic;
    private readonly string _prefix;
    private readonly AnnouncedStore _store;
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan> _reannounceDelay;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private IReadOnlyList<string> _stale = [];
    // Set by Connect, before the connection runs: no handler of the announcer is called before it is.
    private ResilientMqttConnection _connection = null!;
    private ITimer? _reannounce;
    private bool _stopped;

    /// <summary>
    /// Creates the announcer. <paramref name="reannounceDelay"/> picks the wait after Home Assistant's
    /// <c>online</c> (see <see cref="RandomDelay"/>). Nothing happens until <see cref="Connect"/>.
    /// </summary>
    public DiscoveryAnnouncer(
        string prefix,
        IReadOnlyList<DiscoveryMessage> configs,
        AnnouncedStore store,
        TimeProvider time,
        Func<TimeSpan> reannounceDelay,
        ILogger<DiscoveryAnnouncer> logger)
    {
        _prefix = prefix;
        _statusTopic = DiscoveryNames.StatusTopic(prefix);
        _configs = configs;
        _store = store;
        _time = time;
        _reannounceDelay = reannounceDelay;
        _logger = logger;
    }

    /// <summary>A uniformly random 1-5 s.</summary>
    public static TimeSpan RandomDelay() => TimeSpan.FromMilliseconds(RandomNumberGenerator.GetInt32(1_000, 5_001));

    /// <summary>
    /// Works out what an earlier run announced that this one no longer has, then has <paramref name="create"/>
    /// make the neuron's connection with the announcer's handlers around the <paramref name="neuron"/>'s: they
    /// run after the neuron's connected handler, and instead of its message handler for Home Assistant's status
    /// topic. The connection must subscribe to that topic when there is anything to announce; call this before
    /// it runs, so its first connect already announces.
    /// </summary>
    public ResilientMqttConnection Connect(MqttConnectionHandlers neuron, Func<MqttConnectionHandlers, ResilientMqttConnection> create)
    {
        ArgumentNullException.ThrowIfNull(neuron);
        ArgumentNullException.ThrowIfNull(create);
        var previous = _store.Load();
        var current = _configs.Select(c => c.Topic).ToHashSet(StringComparer.Ordinal);
        _stale = [.. previous.Where(t => !current.Contains(t)).Order(StringComparer.Ordinal)];
        // Recorded before anything is published: a run killed after announcing must still know to clear
        // these topics later. The stale ones stay recorded until they are cleared.
        Save(previous.Union(current));

        var neuronConnected = neuron.Connected;
        var neuronMessage = neuron.MessageReceived;
        var connection = create(new MqttConnectionHandlers
        {
            Connected = async ct =>
            {
                if (neuronConnected is not null)
                {
                    await neuronConnected(ct);
                }

                await OnConnectedAsync(ct);
            },
            MessageReceived = (message, ct) =>
                message.Topic == _statusTopic ? OnMessage(message, ct) : neuronMessage?.Invoke(message, ct) ?? ValueTask.CompletedTask,
            DeliveryReceived = neuron.DeliveryReceived,
        });
        if (_configs.Count > 0 && !connection.Options.Subscriptions.Contains(_statusTopic, StringComparer.Ordinal))
        {
            throw new ArgumentException($"the connection must subscribe to {_statusTopic}", nameof(create));
        }

        _connection = connection;
        return connection;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            _reannounce?.Dispose();
            _reannounce = null;
        }
    }

    private async Task OnConnectedAsync(CancellationToken ct)
    {
        var stale = _stale;
        if (stale.Count > 0)
        {
            foreach (var topic in stale)
            {
                // An empty retained message deletes the retained config, and Home Assistant removes the entity.
                await _connection.PublishAsync(MqttMessages.Create(topic, ReadOnlyMemory<byte>.Empty, retain: true), ct);
            }

            _stale = [];
            Save(_configs.Select(c => c.Topic));
            Log.ClearedStale(_logger, stale.Count);
        }

        foreach (var config in _configs)
        {
            await _connection.PublishAsync(Config(config), ct);
        }

        Log.Announced(_logger, _configs.Count, _prefix);
    }

    // On MQTTnet's receive loop: only arms a timer.
    private ValueTask OnMessage(MqttApplicationMessage message, CancellationToken ct)
    {
        if (message.Topic == _statusTopic && message.PayloadAsString() == "online")
        {
            var delay = _reannounceDelay();
            lock (_gate)
            {
                if (_stopped)
                {
                    return ValueTask.CompletedTask;
                }

                // Several "online" within the delay announce once.
                _reannounce?.Dispose();
                _reannounce = _time.CreateTimer(_ => Reannounce(), null, delay, Timeout.InfiniteTimeSpan);
            }

            Log.ReannounceScheduled(_logger, delay.TotalMilliseconds);
        }

        return ValueTask.CompletedTask;
    }

    private void Reannounce()
    {
        // Through the outbox: if the connection is down now, the reconnect announces anyway.
        foreach (var config in _configs)
        {
            _connection.Enqueue(Config(config));
        }

        Log.Announced(_logger, _configs.Count, _prefix);
    }

    private static MqttApplicationMessage Config(DiscoveryMessage config) => MqttMessages.Create(config.Topic, config.Payload, retain: true);

    private void Save(IEnumerable<string> topics)
    {
        try
        {
            _store.Save(topics);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.AnnouncedNotSaved(_logger, _store.Path, ex.Message);
        }
    }
}
