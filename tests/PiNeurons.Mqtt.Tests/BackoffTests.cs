using PiNeurons.Mqtt.Internal;

namespace PiNeurons.Mqtt.Tests;

public class BackoffTests
{
    [Fact]
    public void Next_DoublesUpToMaxAndResets()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(350), nextUnit: () => 0);

        var delays = Enumerable.Range(0, 4).Select(_ => backoff.Next().TotalMilliseconds).ToList();
        backoff.Reset();

        Assert.Equal([100, 200, 350, 350], delays);
        Assert.Equal(100, backoff.Next().TotalMilliseconds);
    }

    [Fact]
    public void Next_AddsAtMostTwentyPercentJitter()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), nextUnit: () => 1);

        Assert.Equal(120, backoff.Next().TotalMilliseconds, precision: 6);
    }
}
