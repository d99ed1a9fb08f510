namespace PiNeurons.Aggregator.Tests.Api;

/// <summary>Polls an asynchronous read until it satisfies a condition, for state that has no event to await.</summary>
public static class Eventually
{
    public static async Task<T> MatchAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        T last;
        while (true)
        {
            last = await read();
            if (condition(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not reached in time; last value: {last}");
            }

            await Task.Delay(25);
        }
    }
}
