namespace PiNeurons.Aggregator.Storage;

/// <summary>What one <see cref="IEventStore.AppendAsync"/> did.</summary>
/// <param name="Stored">The events of the batch stored now, in batch order: the others were already there.</param>
/// <param name="Duplicates">
/// Events already stored, ignored: a QoS 1 redelivery, or the copy another replica stored first when every replica
/// takes every event.
/// </param>
/// <param name="GapsDetected">Sequence numbers found missing by this batch (a seq that skips ahead by n adds n - 1).</param>
public sealed record AppendResult(IReadOnlyList<IncomingEvent> Stored, int Duplicates, long GapsDetected)
{
    /// <summary>The answer for an empty batch.</summary>
    public static AppendResult Empty { get; } = new([], 0, 0);

    /// <summary>Events stored now.</summary>
    public int Inserted => Stored.Count;
}
