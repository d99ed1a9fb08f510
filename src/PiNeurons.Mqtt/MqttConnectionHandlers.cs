using MQTTnet;

namespace PiNeurons.Mqtt;

/// <summary>
/// What a <see cref="ResilientMqttConnection"/> calls back, given when it is created and fixed from then on:
/// whoever wants to add a handler composes it before the connection exists, instead of swapping it later.
/// </summary>
public sealed class MqttConnectionHandlers
{
    /// <summary>No callbacks: a connection that only publishes.</summary>
    public static MqttConnectionHandlers None { get; } = new();

    /// <summary>Called for each received message. Keep it cheap: it is the hot path of a neuron hop.</summary>
    public Func<MqttApplicationMessage, CancellationToken, ValueTask>? MessageReceived { get; init; }

    /// <summary>
    /// Called instead of <see cref="MessageReceived"/> when set, with MQTTnet's automatic
    /// acknowledgement turned off: the handler must call <c>AcknowledgeAsync</c> on every message, in the
    /// order received, once it is safe to lose the broker's copy (the aggregator: once stored). A message
    /// never acknowledged is redelivered by the broker after a reconnect to a persistent session.
    /// </summary>
    public Func<MqttApplicationMessageReceivedEventArgs, CancellationToken, ValueTask>? DeliveryReceived { get; init; }

    /// <summary>
    /// Called after every (re)connect once all subscriptions are in place (publish <c>online</c> and
    /// state here). The connection becomes ready, and the outbox drains, only after it completes.
    /// </summary>
    public Func<CancellationToken, Task>? Connected { get; init; }
}
