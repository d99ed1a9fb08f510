using System.Collections.Concurrent;

namespace PiNeurons.Aggregator.Metrics;

/// <summary>
/// The aggregator's counters and gauges, written in Prometheus text format by <see cref="PrometheusText"/>.
/// Kept by hand: a handful of series does not earn a metrics library.
/// </summary>
public sealed class AggregatorMetrics
{
    private readonly ConcurrentDictionary<(string Neuron, string Type), long> _ingested = new();
    private readonly ConcurrentDictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private long _duplicates;
    private long _gaps;
    private readonly SecondsHistogram _lag = new(LagBoundsSeconds);
    private long _lastLagTicks;
    private long _batches;
    private long _storeFailures;
    private int _connected;
    private int _queueDepth;
    private int _ingestMode = (int)Ingest.IngestMode.All;

    /// <summary>Events stored, by neuron and type.</summary>
    public IReadOnlyDictionary<(string Neuron, string Type), long> Ingested => _ingested;

    /// <summary>Messages on the events topics that could not be stored, by reason.</summary>
    public IReadOnlyDictionary<string, long> Rejected => _rejected;

    /// <summary>Events received that were already stored: redeliveries, and other replicas' copies in ingest mode all.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Sequence numbers found missing.</summary>
    public long Gaps => Interlocked.Read(ref _gaps);

    /// <summary>Committed batches.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Batches the store failed to take (retried).</summary>
    public long StoreFailures => Interlocked.Read(ref _storeFailures);

    /// <summary>
    /// The upper bounds of the ingest lag histogram, in seconds: from a batch committed at once on a quiet machine (a
    /// millisecond) to a store that stalls or a queue that builds up (seconds).
    /// </summary>
    public static IReadOnlyList<double> LagBoundsSeconds { get; } = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Each stored event's time from receipt off the broker to durable storage.</summary>
    public HistogramSample Lag => _lag.Snapshot();

    /// <summary>The ingest lag of the newest stored event.</summary>
    public TimeSpan LastLag => TimeSpan.FromTicks(Interlocked.Read(ref _lastLagTicks));

    /// <summary>True while the MQTT session is up.</summary>
    public bool MqttConnected
    {
        get => Volatile.Read(ref _connected) == 1;
        set => Volatile.Write(ref _connected, value ? 1 : 0);
    }

    /// <summary>How this replica takes the events now.</summary>
    public Ingest.IngestMode IngestMode
    {
        get => (Ingest.IngestMode)Volatile.Read(ref _ingestMode);
        set => Volatile.Write(ref _ingestMode, (int)value);
    }

    /// <summary>Messages received and not yet stored.</summary>
    public int QueueDepth
    {
        get => Volatile.Read(ref _queueDepth);
        set => Volatile.Write(ref _queueDepth, value);
    }

    /// <summary>Counts one stored event.</summary>
    public void CountIngested(string neuron, string type) =>
        _ingested.AddOrUpdate((neuron, type), 1, static (_, n) => n + 1);

    /// <summary>Counts a rejected message.</summary>
    public void CountRejected(string reason) => _rejected.AddOrUpdate(reason, 1, static (_, n) => n + 1);

    /// <summary>Records one committed batch.</summary>
    public void CountBatch(int duplicates, long gaps)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _duplicates, duplicates);
        Interlocked.Add(ref _gaps, gaps);
    }

    /// <summary>Records a failed attempt to store a batch.</summary>
    public void CountStoreFailure() => Interlocked.Increment(ref _storeFailures);

    /// <summary>Records how long one event took from receipt to durable storage.</summary>
    public void RecordLag(TimeSpan lag)
    {
        _lag.Record(lag);
        Interlocked.Exchange(ref _lastLagTicks, lag.Ticks);
    }
}
