
namespace PiNeurons.Aggregator;

/// <summary>The aggregator's log messages, with stable event ids: 5xxx, this assembly's range (51xx ingest, live
/// tail and retention; 57xx the event stores, in <see cref="Storage.StorageLog"/>).</summary>
/// <remarks>Each assembly logs in a range of its own, so an id names one message even where several run in one
/// process (the aggregator with PiNeurons.Mqtt, the CLI's demo): Core 1xxx, Mqtt 2xxx, Hardware 3xxx, Node 4xxx, Aggregator 5xxx, Cli 6xxx, CommandLine 7xxx.</remarks>
internal static partial class Log
{
    [LoggerMessage(5100, LogLevel.Warning, "Rejected a message on {Topic}: {Reason}")]
    public static partial void Rejected(this ILogger logger, string topic, string reason);

    [LoggerMessage(5101, LogLevel.Error, "Storing a batch of {Count} events failed (attempt {Attempt}); retrying in {DelayMs} ms. Nothing of it is acknowledged to the broker until it is stored")]
    public static partial void StoreFailed(this ILogger logger, Exception exception, int count, int attempt, long delayMs);

    [LoggerMessage(5102, LogLevel.Debug, "Acknowledgement for {Topic} not sent ({Reason}); the broker will redeliver it and the store will skip the duplicate")]
    public static partial void AckFailed(this ILogger logger, string topic, string reason);

    [LoggerMessage(5103, LogLevel.Information, "Ingesting events from {Broker} as {ClientId}, persistent session of {ExpirySeconds} s; the ingest mode follows from each broker's answer at connect")]
    public static partial void Started(this ILogger logger, PiNeurons.Mqtt.BrokerList broker, string clientId, uint expirySeconds);

    [LoggerMessage(5104, LogLevel.Critical, "The broker refused the aggregator for good: {Reason}")]
    public static partial void Fatal(this ILogger logger, string reason);

    [LoggerMessage(5105, LogLevel.Warning, "Seq gap: {Count} event(s) missing in this batch")]
    public static partial void GapsDetected(this ILogger logger, long count);

    [LoggerMessage(5106, LogLevel.Error, "Reading the live tail from the store failed; retrying")]
    public static partial void TailFailed(this ILogger logger, Exception exception);

    [LoggerMessage(5107, LogLevel.Information, "Retention deleted {Count} events")]
    public static partial void RetentionDeleted(this ILogger logger, long count);

    [LoggerMessage(5108, LogLevel.Error, "Applying retention failed; will try again")]
    public static partial void RetentionFailed(this ILogger logger, Exception exception);

    [LoggerMessage(5109, LogLevel.Warning, "--shared-group {Group} is ignored: the broker {Broker} does not support shared subscriptions (Shared Subscription Available = 0). Ingest mode all: this replica takes every event and the store keeps one copy of each")]
    public static partial void SharedGroupIgnored(this ILogger logger, string group, string broker);

    [LoggerMessage(5110, LogLevel.Information, "Connected to {Broker}: ingest mode {Mode} ({Filter})")]
    public static partial void IngestModeDecided(this ILogger logger, string broker, string mode, string filter);
}
