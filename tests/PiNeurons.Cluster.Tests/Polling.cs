using System.Diagnostics;

namespace PiNeurons.Cluster.Tests;

/// <summary>Reads an HTTP answer until it shows what the test waits for: the aggregator's API has no event to await
/// for a change it makes on its own clock (a neuron found silent), so the test looks again, bounded by a timeout.</summary>
internal static class Polling
{
    public static async Task<string> UntilAsync(Func<Task<string>> read, Func<string, bool> done, string what, Func<string> diagnostics, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var last = string.Empty;
        while (clock.Elapsed < timeout)
        {
            try
            {
                last = await read();
                if (done(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException($"{what} not seen within {timeout.TotalSeconds:0} s; last answer: {last}\n{diagnostics()}");
    }
}
