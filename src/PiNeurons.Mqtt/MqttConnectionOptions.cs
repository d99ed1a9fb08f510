namespace PiNeurons.Mqtt;

/// <summary>How a <see cref="ResilientMqttConnection"/> connects, what it subscribes to and how it retries.</summary>
public sealed class MqttConnectionOptions
{
    /// <summary>
    /// The brokers to connect to: one, or the nodes of a clustered broker. The connection uses one at a time and moves
    /// to the next in the list when a connect fails or the connection is lost.
    /// </summary>
    public required BrokerList Brokers { get; init; }

    /// <summary>MQTT client id; a neuron uses one derived from its id, so a second host of it takes the session over.</summary>
    public required string ClientId { get; init; }

    /// <summary>Last will (QoS 1), or null for none.</summary>
    public MqttWill? Will { get; init; }

    /// <summary>
    /// Topic filters subscribed at QoS 1 after every (re)connect, before <see cref="MqttConnectionHandlers.Connected"/> runs.
    /// A shared subscription (<c>$share/GROUP/filter</c>) on a broker whose CONNACK says it has none is made as a plain
    /// subscription to <c>filter</c>: such a broker (ejabberd) drops the whole connection for a <c>$share</c> filter.
    /// </summary>
    public IReadOnlyList<string> Subscriptions { get; init; } = [];

    /// <summary>MQTT keep-alive period.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>First delay before a reconnect attempt; doubles per failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest delay between reconnect attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Messages the outbox holds before <see cref="ResilientMqttConnection.Enqueue"/> returns false.</summary>
    public int OutboxCapacity { get; init; } = 10_000;

    /// <summary>QoS 1 publishes the outbox keeps outstanding (sent, not yet acknowledged) at once.</summary>
    public int MaxInFlight { get; init; } = 64;

    /// <summary>MQTT 5 clean start.</summary>
    public bool CleanStart { get; init; } = true;

    /// <summary>MQTT 5 session expiry interval; 0 ends the session with the connection.</summary>
    public uint SessionExpirySeconds { get; init; }

    /// <summary>User name, or null for anonymous.</summary>
    public string? UserName { get; init; }

    /// <summary>Password, used with <see cref="UserName"/>.</summary>
    public string? Password { get; init; }

    /// <summary>CA pinning and client certificate for <c>mqtts://</c>; null: the OS trust store decides.</summary>
    public Tls.MqttTls? Tls { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that is out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Brokers);
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            throw new ArgumentException("ClientId must not be empty", nameof(ClientId));
        }

        Require(KeepAlive > TimeSpan.Zero, nameof(KeepAlive), "must be positive");
        Require(InitialBackoff > TimeSpan.Zero, nameof(InitialBackoff), "must be positive");
        Require(MaxBackoff >= InitialBackoff, nameof(MaxBackoff), "must be at least InitialBackoff");
        Require(OutboxCapacity > 0, nameof(OutboxCapacity), "must be positive");
        Require(MaxInFlight is > 0 and <= ushort.MaxValue, nameof(MaxInFlight), "must be 1 to 65535");
        Require(Subscriptions.All(s => !string.IsNullOrWhiteSpace(s)), nameof(Subscriptions), "must not hold empty filters");
    }

    private static void Require(bool condition, string field, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"{field} {rule}", field);
        }
    }
}
