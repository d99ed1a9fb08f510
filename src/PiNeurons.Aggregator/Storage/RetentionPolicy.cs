namespace PiNeurons.Aggregator.Storage;

/// <summary>How much history to keep; the oldest events go first. Null keeps everything on that axis.</summary>
/// <param name="MaxAge">Delete events received longer ago than this.</param>
/// <param name="MaxBytes">Delete the oldest events while the store is larger than this.</param>
public sealed record RetentionPolicy(TimeSpan? MaxAge, long? MaxBytes);
