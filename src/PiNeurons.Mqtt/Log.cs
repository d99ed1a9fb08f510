using Microsoft.Extensions.Logging;

namespace PiNeurons.Mqtt;

/// <summary>Every log line of this project, with stable event ids (1xx connection, 2xx outbox, 3xx broker, 4xx request client).</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Connected to {Broker} as '{ClientId}' ({Subscriptions} subscriptions)")]
    public static partial void ConnectionReady(this ILogger logger, BrokerAddress broker, string clientId, int subscriptions);

    [LoggerMessage(101, LogLevel.Warning, "Connecting to {Broker} failed (attempt {Attempt}): {Reason}; next attempt in {DelayMs} ms")]
    public static partial void ConnectAttemptFailed(this ILogger logger, BrokerAddress broker, int attempt, string reason, long delayMs);

    [LoggerMessage(102, LogLevel.Warning, "Connection to {Broker} lost ({Reason}); reconnecting in {DelayMs} ms")]
    public static partial void ConnectionLost(this ILogger logger, BrokerAddress broker, string reason, long delayMs);

    [LoggerMessage(103, LogLevel.Critical, "Giving up on {Broker}: {Reason}")]
    public static partial void ConnectionFatal(this ILogger logger, BrokerAddress broker, string reason);

    [LoggerMessage(104, LogLevel.Error, "Message handler failed for topic '{Topic}'")]
    public static partial void MessageHandlerFailed(this ILogger logger, Exception exception, string topic);

    [LoggerMessage(105, LogLevel.Information, "Disconnected cleanly from {Broker}")]
    public static partial void DisconnectedCleanly(this ILogger logger, BrokerAddress broker);

    [LoggerMessage(106, LogLevel.Warning, "Clean shutdown step '{Step}' failed: {Reason}")]
    public static partial void StopStepFailed(this ILogger logger, string step, string reason);

    [LoggerMessage(200, LogLevel.Warning, "Outbox publish failed while the connection was down: {Reason} (further failures until reconnect are only counted)")]
    public static partial void OutboxPublishFailed(this ILogger logger, string reason);

    [LoggerMessage(201, LogLevel.Debug, "Dropped a stale outbox message for '{Topic}' (older than {MaxAgeMs} ms)")]
    public static partial void OutboxDroppedStale(this ILogger logger, string topic, long maxAgeMs);

    [LoggerMessage(202, LogLevel.Error, "Outbox sender stopped unexpectedly")]
    public static partial void OutboxSenderFailed(this ILogger logger, Exception exception);

    [LoggerMessage(300, LogLevel.Information, "Embedded MQTT broker listening on {Address}")]
    public static partial void EmbeddedBrokerStarted(this ILogger logger, BrokerAddress address);

    [LoggerMessage(301, LogLevel.Information, "Port {Port} is taken; embedded broker uses a free port instead")]
    public static partial void EmbeddedBrokerPortTaken(this ILogger logger, int port);

    [LoggerMessage(302, LogLevel.Debug, "Embedded broker: client '{ClientId}' {Change}")]
    public static partial void EmbeddedBrokerClient(this ILogger logger, string clientId, string change);
}
