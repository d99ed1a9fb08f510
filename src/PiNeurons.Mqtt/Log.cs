using Microsoft.Extensions.Logging;

namespace PiNeurons.Mqtt;

/// <summary>Every log line of this project, with stable event ids: 2xxx, this assembly's range (21xx connection, 22xx
/// outbox, 23xx embedded broker, 24xx request client).</summary>
/// <remarks>Each assembly logs in a range of its own, so an id names one message even where several run in one
/// process (the CLI's demo, the aggregator): Core 1xxx, Mqtt 2xxx, Hardware 3xxx, Node 4xxx, Aggregator 5xxx, Cli 6xxx, CommandLine 7xxx.</remarks>
internal static partial class Log
{
    [LoggerMessage(2100, LogLevel.Information, "Connected to {Broker} as '{ClientId}' ({Subscriptions} subscriptions)")]
    public static partial void ConnectionReady(this ILogger logger, BrokerAddress broker, string clientId, int subscriptions);

    [LoggerMessage(2101, LogLevel.Warning, "Connecting to {Broker} failed (attempt {Attempt}): {Reason}; next attempt in {DelayMs} ms")]
    public static partial void ConnectAttemptFailed(this ILogger logger, BrokerAddress broker, int attempt, string reason, long delayMs);

    [LoggerMessage(2102, LogLevel.Warning, "Connection to {Broker} lost ({Reason}); reconnecting in {DelayMs} ms")]
    public static partial void ConnectionLost(this ILogger logger, BrokerAddress broker, string reason, long delayMs);

    [LoggerMessage(2108, LogLevel.Warning, "Connecting to {Broker} failed (attempt {Attempt}): {Reason}; trying the next broker, {Next}, in {DelayMs} ms")]
    public static partial void ConnectAttemptFailedMovingOn(this ILogger logger, BrokerAddress broker, int attempt, string reason, BrokerAddress next, long delayMs);

    [LoggerMessage(2109, LogLevel.Warning, "Connection to {Broker} lost ({Reason}); moving to the next broker, {Next}, in {DelayMs} ms")]
    public static partial void ConnectionLostMovingOn(this ILogger logger, BrokerAddress broker, string reason, BrokerAddress next, long delayMs);

    [LoggerMessage(2103, LogLevel.Critical, "Giving up on {Broker}: {Reason}")]
    public static partial void ConnectionFatal(this ILogger logger, BrokerAddress broker, string reason);

    [LoggerMessage(2104, LogLevel.Error, "Message handler failed for topic '{Topic}'")]
    public static partial void MessageHandlerFailed(this ILogger logger, Exception exception, string topic);

    [LoggerMessage(2105, LogLevel.Information, "Disconnected cleanly from {Broker}")]
    public static partial void DisconnectedCleanly(this ILogger logger, BrokerAddress broker);

    [LoggerMessage(2106, LogLevel.Warning, "Clean shutdown step '{Step}' failed: {Reason}")]
    public static partial void StopStepFailed(this ILogger logger, string step, string reason);

    [LoggerMessage(2107, LogLevel.Warning, "Broker {Broker} has no shared subscriptions: subscribed to '{Plain}' instead of '{Shared}', so this client receives every message of it")]
    public static partial void SharedSubscriptionUnavailable(this ILogger logger, BrokerAddress broker, string shared, string plain);

    [LoggerMessage(2200, LogLevel.Warning, "Outbox publish failed while the connection was down: {Reason} (further failures until reconnect are only counted)")]
    public static partial void OutboxPublishFailed(this ILogger logger, string reason);

    [LoggerMessage(2201, LogLevel.Debug, "Dropped a stale outbox message for '{Topic}' (older than {MaxAgeMs} ms)")]
    public static partial void OutboxDroppedStale(this ILogger logger, string topic, long maxAgeMs);

    [LoggerMessage(2202, LogLevel.Error, "Outbox sender stopped unexpectedly")]
    public static partial void OutboxSenderFailed(this ILogger logger, Exception exception);

    [LoggerMessage(2300, LogLevel.Information, "Embedded MQTT broker listening on {Address}")]
    public static partial void EmbeddedBrokerStarted(this ILogger logger, BrokerAddress address);

    [LoggerMessage(2301, LogLevel.Information, "Port {Port} is taken; embedded broker uses a free port instead")]
    public static partial void EmbeddedBrokerPortTaken(this ILogger logger, int port);

    [LoggerMessage(2302, LogLevel.Debug, "Embedded broker: client '{ClientId}' {Change}")]
    public static partial void EmbeddedBrokerClient(this ILogger logger, string clientId, string change);
}
