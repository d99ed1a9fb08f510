using PiNeurons.Aggregator.Hosting;

namespace PiNeurons.Aggregator.Storage;

/// <summary>Applies the retention policy at start and then every few minutes.</summary>
internal sealed class RetentionService : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private readonly IEventStore _store;
    private readonly RetentionPolicy _policy;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public RetentionService(IEventStore store, AggregatorSettings settings, ILogger<RetentionService> logger, TimeProvider time)
    {
        _store = store;
        _policy = settings.Retention;
        _logger = logger;
        _time = time;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_policy is { MaxAge: null, MaxBytes: null })
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, _time);
        do
        {
            try
            {
                var deleted = await _store.ApplyRetentionAsync(_policy, _time.GetUtcNow(), stoppingToken);
                if (deleted > 0)
                {
                    _logger.RetentionDeleted(deleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.RetentionFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
