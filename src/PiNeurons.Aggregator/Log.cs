
namespace PiNeurons.Aggregator;

internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Rejected a message on {Topic}: {Reason}")]
    public static partial void Rejected(this ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Storing a batch of {Count} events failed (attempt {Attempt}); retrying in {DelayMs} ms. Nothing of it is acknowledged to the broker until it is stored")]
    public static partial void StoreFailed(this ILogger logger, Exception exception, int count, int attempt, long delayMs);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Acknowledgement for {Topic} not sent ({Reason}); the broker will redeliver it and the store will skip the duplicate")]
    public static partial void AckFailed(this ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Ingesting events from {Broker} as {ClientId} ({Filter}), persistent session of {ExpirySeconds} s")]
    public static partial void Started(this ILogger logger, PiNeurons.Mqtt.BrokerAddress broker, string clientId, string filter, uint expirySeconds);

    [LoggerMessage(EventId = 104, Level = LogLevel.Critical, Message = "The broker refused the aggregator for good: {Reason}")]
    public static partial void Fatal(this ILogger logger, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Seq gap: {Count} event(s) missing in this batch")]
    public static partial void GapsDetected(this ILogger logger, long count);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "Reading the live tail from the store failed; retrying")]
    public static partial void TailFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Retention deleted {Count} events")]
    public static partial void RetentionDeleted(this ILogger logger, long count);

    [LoggerMessage(EventId = 108, Level = LogLevel.Error, Message = "Applying retention failed; will try again")]
    public static partial void RetentionFailed(this ILogger logger, Exception exception);
}
