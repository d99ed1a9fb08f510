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
/// earlier run that this run no longer has (a neuron or sensor removed from the manifest), removes the components a
/// device config no longer lists, and hands the configs of the other discovery form over to this one.
/// </summary>
internal sealed class DiscoveryAnnouncer : IDisposable
{
    private const string MigrateDiscovery = "{\"migrate_discovery\": true}";
    private readonly IReadOnlyList<DiscoveryMessage> _configs;
    private readonly string _statusTopic;
    private readonly string _prefix;
    private readonly AnnouncedStore _store;
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan> _reannounceDelay;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private IReadOnlyList<string> _stale = [];
    private IReadOnlyList<string> _handover = [];
    private IReadOnlyList<DiscoveryMessage> _removals = [];
    private int _removedComponents;
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

    /// <summary>
    /// Config topics of the other discovery form whose entities <see cref="_configs"/> announce again (the same
    /// unique ids): if an earlier run announced them, they are handed over rather than cleared, so Home Assistant
    /// keeps each entity and its settings instead of deleting it or refusing the new config's duplicate unique id.
    /// </summary>
    public IReadOnlySet<string> Handover { get; init; } = new HashSet<string>(StringComparer.Ordinal);

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
        var previousComponents = _store.LoadComponents();
        var current = _configs.Select(c => c.Topic).ToHashSet(StringComparer.Ordinal);
        _stale = [.. previous.Where(t => !current.Contains(t)).Order(StringComparer.Ordinal)];
        _handover = [.. _stale.Where(Handover.Contains)];
        var removed = _configs
            .Select(c => (Config: c, Removed: DeviceComponentRemoval.Removed(c, previousComponents.GetValueOrDefault(c.Topic))))
            .Where(r => r.Removed.Count > 0)
            .ToList();
        _removals = [.. removed.Select(r => DeviceComponentRemoval.With(r.Config, r.Removed))];
        _removedComponents = removed.Sum(r => r.Removed.Count);
        // Recorded before anything is published: a run killed after announcing must still know to clear
        // these topics and remove these components later. The stale ones stay recorded until they are cleared.
        var components = new Dictionary<string, IReadOnlyDictionary<string, string>>(previousComponents, StringComparer.Ordinal);
        foreach (var config in _configs.Where(c => c.Components is not null))
        {
            components[config.Topic] = components.TryGetValue(config.Topic, out var before)
                ? before.Concat(config.Components!.Where(c => !before.ContainsKey(c.Key))).ToDictionary(StringComparer.Ordinal)
                : config.Components!;
        }

        Save(previous.Union(current), components);

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

    // Home Assistant's migration between the discovery forms, in its order: migrate_discovery on the old topics (it
    // unloads their entities but keeps their settings), the new configs (which take the entities back by unique id),
    // then an empty retained payload on the old topics. Without the first step the new config's unique ids would be
    // refused as duplicates and clearing the old topics would then delete the entities.
    private async Task OnConnectedAsync(CancellationToken ct)
    {
        var stale = _stale;
        var handover = _handover;
        var removals = _removals;
        foreach (var topic in handover)
        {
            await _connection.PublishAsync(MqttMessages.Create(topic, MigrateDiscovery, retain: false), ct);
        }

        foreach (var removal in removals)
        {
            await _connection.PublishAsync(Config(removal), ct);
        }

        foreach (var config in _configs)
        {
            await _connection.PublishAsync(Config(config), ct);
        }

        foreach (var topic in stale)
        {
            // An empty retained message deletes the retained config, and Home Assistant removes the entity.
            await _connection.PublishAsync(MqttMessages.Create(topic, ReadOnlyMemory<byte>.Empty, retain: true), ct);
        }

        Log.Announced(_logger, _configs.Count, _prefix);
        if (stale.Count > 0 || removals.Count > 0)
        {
            _stale = [];
            _handover = [];
            _removals = [];
            Save(_configs.Select(c => c.Topic), CurrentComponents());
            if (handover.Count > 0)
            {
                Log.HandedOver(_logger, handover.Count);
            }

            if (stale.Count > handover.Count)
            {
                Log.ClearedStale(_logger, stale.Count - handover.Count);
            }

            if (removals.Count > 0)
            {
                Log.RemovedComponents(_logger, _removedComponents);
            }
        }
    }

    private Dictionary<string, IReadOnlyDictionary<string, string>> CurrentComponents() =>
        _configs.Where(c => c.Components is not null).ToDictionary(c => c.Topic, c => c.Components!, StringComparer.Ordinal);

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

    private void Save(IEnumerable<string> topics, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> components)
    {
        try
        {
            _store.Save(topics, components);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.AnnouncedNotSaved(_logger, _store.Path, ex.Message);
        }
    }
}
