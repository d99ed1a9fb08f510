namespace PiNeurons.Aggregator.Storage;

/// <summary>What one <see cref="IEventStore.AppendAsync"/> did.</summary>
/// <param name="Inserted">Events stored now.</param>
/// <param name="Duplicates">Events already stored (a QoS 1 redelivery), ignored.</param>
/// <param name="GapsDetected">Sequence numbers found missing by this batch (a seq that skips ahead by n adds n - 1).</param>
public readonly record struct AppendResult(int Inserted, int Duplicates, long GapsDetected);
