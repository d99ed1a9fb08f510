using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;
using static PiNeurons.Core.Tests.Helpers.TestClock;

namespace PiNeurons.Core.Tests.Model;

public class NeuronFiringCapTests
{
    private static Neuron Capped(int maxFiresPerSecond) =>
        new("x", new NeuronConfig { Threshold = 0.9, RefractoryMs = 0, MaxFiresPerSecond = maxFiresPerSecond });

    [Fact]
    public void Kick_FourthFiringWithinOneSecondWithCap3_SuppressedWithRefractoryNamingCap()
    {
        var time = Create();
        var neuron = Capped(3);
        var sink = new RecordingSink();
        for (var i = 0; i < 3; i++)
        {
            neuron.Kick(KickSources.External, 0, time.GetUtcNow(), sink);
            time.Advance(Ms(100));
        }

        sink.Clear();
        neuron.Kick(KickSources.External, 0, time.GetUtcNow(), sink);

        Assert.Equal([NeuronEventType.Kicked, NeuronEventType.Refractory], sink.Types);
        Assert.Contains("maxFiresPerSecond", sink.Events[1].Reason, StringComparison.Ordinal);
        Assert.Empty(sink.Fired);
        Assert.Equal(3, neuron.FiredCount);
    }

    [Fact]
    public void Kick_CapReached_AllowedAgainOnceASecondPassedSinceTheFirst()
    {
        var time = Create();
        var neuron = Capped(3);
        var sink = new RecordingSink();
        for (var i = 0; i < 3; i++)
        {
            neuron.Kick(KickSources.External, 0, time.GetUtcNow(), sink);
            time.Advance(Ms(100));
        }

        time.Advance(Ms(699));
        neuron.Kick(KickSources.External, 0, time.GetUtcNow(), sink);
        Assert.Equal(3, neuron.FiredCount);

        time.Advance(Ms(1));
        neuron.Kick(KickSources.External, 0, time.GetUtcNow(), sink);
        Assert.Equal(4, neuron.FiredCount);
        Assert.Equal(NeuronEventType.Fired, sink.Events[^1].Type);
    }

    [Fact]
    public void Kick_CapZero_NoCap()
    {
        var time = Create();
        var neuron = Capped(0);
        var sink = new RecordingSink();

        for (var i = 0; i < 50; i++)
        {
            neuron.Kick(KickSources.External, 0, time.GetUtcNow(), sink);
            time.Advance(Ms(1));
        }

        Assert.Equal(50, neuron.FiredCount);
        Assert.DoesNotContain(NeuronEventType.Refractory, sink.Types);
    }

    [Fact]
    public void ForceFire_CapReached_SuppressedWithRefractoryFromFire()
    {
        var time = Create();
        var neuron = Capped(3);
        var sink = new RecordingSink();
        for (var i = 0; i < 3; i++)
        {
            neuron.ForceFire(0, time.GetUtcNow(), sink);
        }

        sink.Clear();
        neuron.ForceFire(0, time.GetUtcNow(), sink);

        var refractory = Assert.Single(sink.Events);
        Assert.Equal(NeuronEventType.Refractory, refractory.Type);
        Assert.Equal(KickSources.Fire, refractory.From);
        Assert.Contains("maxFiresPerSecond 3", refractory.Reason, StringComparison.Ordinal);
        Assert.Equal(3, neuron.FiredCount);
    }
}
