namespace PiNeurons.Aggregator.Ingest;

/// <summary>How an aggregator replica takes the neurons' events (docs/aggregator.md, "Replicas").</summary>
public enum IngestMode
{
    /// <summary>
    /// Through an MQTT 5 shared subscription, <c>$share/GROUP/&lt;root&gt;/+/events</c>: the broker hands each event to
    /// one replica of the group.
    /// </summary>
    Shared,

    /// <summary>
    /// Every replica subscribes to every event and offers each to the store, which keeps one copy
    /// (<see cref="Storage.IEventStore.AppendAsync"/>); a single aggregator works this way too.
    /// </summary>
    All,
}
