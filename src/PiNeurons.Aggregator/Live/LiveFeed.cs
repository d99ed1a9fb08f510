using System.Text.Json;
using PiNeurons.Aggregator.Api;
using PiNeurons.Aggregator.Hosting;
using PiNeurons.Aggregator.Network;
using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Live;

/// <summary>
/// Tails the store and broadcasts what is new: every stored event (with its store id, so a stream can
/// resume) and every change of a neuron's status, state or counters. Reading back from the store rather
/// than forwarding what this process ingested means replicas sharing a PostgreSQL history all show
/// every event, whichever replica stored it.
/// </summary>
public sealed class LiveFeed : BackgroundService
{
    private const int PageSize = 1000;
    private static readonly TimeSpan CounterRefresh = TimeSpan.FromMilliseconds(250);

    private readonly IEventStore _store;
    private readonly LiveBroadcaster _broadcaster;
    private readonly NetworkView _view;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _pollInterval;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private long _lastId;

    /// <summary>Creates the feed and starts forwarding <see cref="NetworkView"/> changes.</summary>
    public LiveFeed(IEventStore store, LiveBroadcaster broadcaster, NetworkView view, AggregatorSettings settings, ILogger<LiveFeed> logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(view);
        _store = store;
        _broadcaster = broadcaster;
        _view = view;
        _logger = logger;
        _time = time;
        // Replicas splitting the events by a shared group see the others' share only by polling. A replica that
        // takes every event (alone, or with other replicas in ingest mode all) is signalled by its writer once each
        // is stored, by it or by another replica, and the poll is a safety net.
        _pollInterval = settings.SharedGroup is null ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(200);
        view.Changed += (neuron, _) => _broadcaster.Publish(new LiveMessage(
            null, LiveMessage.NeuronName, JsonSerializer.Serialize(NeuronModel.From(neuron), ApiJsonContext.Default.NeuronModel)));
    }

    /// <summary>The highest store id broadcast so far.</summary>
    public long LastId => Interlocked.Read(ref _lastId);

    /// <summary>Something new was stored: tail now.</summary>
    public void Signal()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread signalled first; one wake-up is enough.
            }
        }
    }

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Counters and the tail position must be known before the first event is ingested.
        _view.SetCounters(await _store.ReadCountersAsync(cancellationToken));
        Interlocked.Exchange(ref _lastId, await _store.GetLastIdAsync(cancellationToken));
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastRefresh = _time.GetTimestamp();
        var countersStale = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            await _signal.WaitAsync(countersStale ? CounterRefresh : _pollInterval, stoppingToken);
            try
            {
                countersStale |= await TailAsync(stoppingToken) > 0;
                if (countersStale && _time.GetElapsedTime(lastRefresh) >= CounterRefresh)
                {
                    _view.SetCounters(await _store.ReadCountersAsync(stoppingToken));
                    lastRefresh = _time.GetTimestamp();
                    countersStale = false;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.TailFailed(ex);
                await Task.Delay(_pollInterval, _time, stoppingToken);
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }

    private async Task<int> TailAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var rows = await _store.ReadAfterAsync(LastId, PageSize, ct);
            foreach (var row in rows)
            {
                _broadcaster.Publish(ToMessage(row));
            }

            if (rows.Count > 0)
            {
                Interlocked.Exchange(ref _lastId, rows[^1].Id);
            }

            total += rows.Count;
            if (rows.Count < PageSize)
            {
                return total;
            }
        }
    }

    /// <summary>The SSE message for a stored event.</summary>
    public static LiveMessage ToMessage(StoredEvent row) =>
        new(row.Id, LiveMessage.EventName, JsonSerializer.Serialize(EventModel.Of(row), ApiJsonContext.Default.EventModel));
}
