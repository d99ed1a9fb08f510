using System.Text;
using System.Text.Json;
using PiNeurons.Aggregator.Latency;
using PiNeurons.Aggregator.Live;
using PiNeurons.Aggregator.Metrics;
using PiNeurons.Aggregator.Network;
using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Ingest;

/// <summary>
/// The single writer: takes what the MQTT receive path queued, stores events in batches (one transaction
/// each), hands the stored events to the <see cref="EdgeLatencyTracker"/> in the order received, applies status
/// and state to the <see cref="NetworkView"/>, and only then acknowledges every
/// message to the broker, in the order received. A crash before the acknowledgement means a redelivery,
/// which the store skips as a duplicate: every event is stored exactly once.
/// </summary>
internal sealed class IngestWriter : BackgroundService
{
    /// <summary>Largest batch per transaction.</summary>
    public const int MaxBatch = 1000;

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly IngestQueue _queue;
    private readonly IEventStore _store;
    private readonly NetworkView _view;
    private readonly EdgeLatencyTracker _latency;
    private readonly LiveFeed _live;
    private readonly AggregatorMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private volatile bool _storeHealthy = true;

    public IngestWriter(
        IngestQueue queue,
        IEventStore store,
        NetworkView view,
        EdgeLatencyTracker latency,
        LiveFeed live,
        AggregatorMetrics metrics,
        ILogger<IngestWriter> logger,
        TimeProvider time)
    {
        _queue = queue;
        _store = store;
        _view = view;
        _latency = latency;
        _live = live;
        _metrics = metrics;
        _logger = logger;
        _time = time;
    }

    /// <summary>False while the store refuses batches.</summary>
    public bool StoreHealthy => _storeHealthy;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<IngestItem>(MaxBatch);
        var events = new List<IncomingEvent>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            events.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
                if (item.Event is { } e)
                {
                    events.Add(e);
                }
            }

            _metrics.QueueDepth = _queue.Count;
            if (events.Count > 0)
            {
                await StoreAsync(events, stoppingToken);
                foreach (var e in events)
                {
                    _latency.Observe(e);
                }
            }

            Apply(batch);
            await AcknowledgeAsync(batch, stoppingToken);
            if (events.Count > 0)
            {
                _live.Signal();
            }
        }
    }

    private async Task StoreAsync(List<IncomingEvent> events, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await _store.AppendAsync(events, ct);
                _storeHealthy = true;
                var now = _time.GetUtcNow();
                // A duplicate was counted where it was stored (here before, or by another replica): counting it again
                // would make the replicas' figures add up to more than the history holds.
                foreach (var e in result.Stored)
                {
                    _metrics.CountIngested(e.Neuron, e.Type);
                    _metrics.RecordLag(now - e.ReceivedAt);
                }

                _metrics.CountBatch(result.Duplicates, result.GapsDetected);
                if (result.GapsDetected > 0)
                {
                    _logger.GapsDetected(result.GapsDetected);
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Keep the batch and retry: acknowledging it unstored would lose acknowledged data.
                _storeHealthy = false;
                _metrics.CountStoreFailure();
                var delay = TimeSpan.FromMilliseconds(Math.Min(MaxRetryDelay.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(attempt, 10))));
                _logger.StoreFailed(ex, events.Count, attempt, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _time, ct);
            }
        }
    }

    private void Apply(List<IngestItem> batch)
    {
        foreach (var item in batch)
        {
            switch (item.Kind)
            {
                case IngestKind.Status:
                    _view.SetStatus(item.Neuron, Encoding.UTF8.GetString(item.Payload.Span), item.Retained, item.ReceivedAt);
                    break;
                case IngestKind.State when item.Payload.IsEmpty:
                    // A cleared retained message: the neuron's state is gone.
                    _view.SetState(item.Neuron, null, item.Retained, item.ReceivedAt);
                    break;
                case IngestKind.State:
                    if (ParseState(item.Payload) is { } state)
                    {
                        _view.SetState(item.Neuron, state, item.Retained, item.ReceivedAt);
                    }
                    else
                    {
                        // Bad input changes nothing: the last good state stays on the page.
                        _metrics.CountRejected("bad-state");
                        _logger.Rejected(item.Delivery?.ApplicationMessage.Topic ?? item.Neuron, "bad-state");
                    }

                    break;
                case IngestKind.Event when item.Event is { } e:
                    // Stored already; what the view keeps of it is that the neuron spoke.
                    _view.HeardEvent(e.Neuron, item.Retained, item.ReceivedAt);
                    break;
                case IngestKind.Event when item.Event is null && item.Rejection is { } reason:
                    _metrics.CountRejected(reason);
                    _logger.Rejected(item.Delivery?.ApplicationMessage.Topic ?? item.Neuron, reason);
                    break;
                default:
                    break;
            }
        }
    }

    private static JsonElement? ParseState(ReadOnlyMemory<byte> payload)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task AcknowledgeAsync(List<IngestItem> batch, CancellationToken ct)
    {
        foreach (var item in batch)
        {
            if (item.Delivery is not { } delivery)
            {
                continue;
            }

            try
            {
                await delivery.AcknowledgeAsync(ct);
            }
            // A lost connection only means a redelivery, which the store deduplicates. MQTTnet reports a connection
            // dropped mid-acknowledgement as a cancellation of its own, which must not end the writer either: only
            // this writer's stopping may.
#pragma warning disable CA1031
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
#pragma warning restore CA1031
            {
                _logger.AckFailed(delivery.ApplicationMessage.Topic, ex.Message);
            }
        }
    }
}
