using Microsoft.Extensions.DependencyInjection;
using PiNeurons.Aggregator.Live;

namespace PiNeurons.Aggregator.Tests.Api;

/// <summary>
/// Waits until a read of the aggregator satisfies a condition, re-reading each time the aggregator
/// announces a change on its live feed (a stored event, a neuron's status, state or counters) rather
/// than on a timer.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static async Task<T> MatchAsync<T>(AggregatorFactory aggregator, Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        // Subscribed before the first read, so a change between the read and the wait is not missed.
        using var changes = aggregator.Services.GetRequiredService<LiveBroadcaster>().Subscribe();
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            var last = await read();
            if (condition(last))
            {
                return last;
            }

            try
            {
                await changes.Reader.WaitToReadAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{what}: not reached in time; last value: {last}");
            }

            while (changes.Reader.TryRead(out _))
            {
            }
        }
    }
}
