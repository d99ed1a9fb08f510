namespace PiNeurons.Aggregator.Storage;

/// <summary>The event stores' log messages, with stable event ids (57xx, in the aggregator's range: see <see cref="Log"/>).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(5701, LogLevel.Information, "Event store {Kind} ready: {Where}")]
    public static partial void Ready(ILogger logger, string kind, string where);

    [LoggerMessage(5702, LogLevel.Information, "Retention: deleted {Count} events received before {Cutoff:o}")]
    public static partial void DeletedByAge(ILogger logger, long count, DateTimeOffset cutoff);

    [LoggerMessage(5703, LogLevel.Information, "Retention: deleted {Count} oldest events to bring the store from {Before} to {After} bytes (limit {Limit})")]
    public static partial void DeletedBySize(ILogger logger, long count, long before, long after, long limit);

    [LoggerMessage(5704, LogLevel.Information, "Event store {Kind} brought from schema version {From} to {To}: {Removed} duplicate events removed")]
    public static partial void Upgraded(ILogger logger, string kind, long from, int to, long removed);
}
