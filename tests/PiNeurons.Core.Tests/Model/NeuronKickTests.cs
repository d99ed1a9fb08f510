using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;
using static PiNeurons.Core.Tests.Helpers.TestClock;

namespace PiNeurons.Core.Tests.Model;

public class NeuronKickTests
{
    [Fact]
    public void Kick_UpstreamWeight1Threshold09_Fires()
    {
        var time = Create();
        var now = time.GetUtcNow();
        var neuron = new Neuron("h1", new NeuronConfig { Threshold = 0.9, Weights = Weights.Of(("x", 1)) });
        var sink = new RecordingSink();

        neuron.Kick("x", 0, now, sink);

        Assert.Equal([NeuronEventType.Kicked, NeuronEventType.Fired], sink.Types);
        Assert.All(sink.Events, e => Assert.Equal("x", e.From));
        Assert.All(sink.Events, e => Assert.Equal(now, e.At));
        Assert.Equal((1, Ms(100)), Assert.Single(sink.Fired));
        Assert.Equal(1, neuron.FiredCount);
    }

    [Fact]
    public void Kick_EveryKick_EmitsOneKickedEventWithItsSource()
    {
        var time = Create();
        var neuron = new Neuron("z", new NeuronConfig { Threshold = 100 });
        var sink = new RecordingSink();

        neuron.Kick("h1", 2, time.GetUtcNow(), sink);
        neuron.Kick("button", 0, time.GetUtcNow(), sink);
        neuron.Kick("sensor:pir", 0, time.GetUtcNow(), sink);

        Assert.All(sink.Events, e => Assert.Equal(NeuronEventType.Kicked, e.Type));
        Assert.Equal(["h1", "button", "sensor:pir"], sink.Events.Select(e => e.From));
        Assert.Equal([2, 0, 0], sink.Events.Select(e => e.Hop));
    }

    [Fact]
    public void Kick_NeuronSourceWithoutWeight_CountsZero()
    {
        var time = Create();
        var neuron = new Neuron("h1", new NeuronConfig { Threshold = 0.5, Weights = Weights.Of(("x", 1)) });
        var sink = new RecordingSink();

        neuron.Kick("y", 0, time.GetUtcNow(), sink);

        Assert.Equal(0, neuron.Potential(time.GetUtcNow()));
        Assert.Equal([NeuronEventType.Kicked], sink.Types);
    }

    [Theory]
    [InlineData(KickSources.External)]
    [InlineData(KickSources.Button)]
    [InlineData("sensor:t")]
    public void Kick_NonNeuronSourceWithoutWeight_CountsOne(string source)
    {
        var time = Create();
        var neuron = new Neuron("h1", new NeuronConfig { Threshold = 5, Weights = Weights.Of(("x", 3)) });

        neuron.Kick(source, 0, time.GetUtcNow(), new RecordingSink());

        Assert.Equal(1, neuron.Potential(time.GetUtcNow()));
    }

    [Theory]
    [InlineData(KickSources.External)]
    [InlineData(KickSources.Button)]
    [InlineData("sensor:t")]
    public void Kick_NonNeuronSourceNamedInWeights_UsesThatWeight(string source)
    {
        var time = Create();
        var neuron = new Neuron("h1", new NeuronConfig { Threshold = 5, Weights = Weights.Of((source, 0.25)) });

        neuron.Kick(source, 0, time.GetUtcNow(), new RecordingSink());

        Assert.Equal(0.25, neuron.Potential(time.GetUtcNow()));
    }

    [Fact]
    public void Kick_SameSourceWithinInputLasting_Accumulates()
    {
        var time = Create();
        var neuron = new Neuron("h2", new NeuronConfig { Threshold = 10, Weights = Weights.Of(("x", 1.5)) });
        var sink = new RecordingSink();

        neuron.Kick("x", 0, time.GetUtcNow(), sink);
        time.Advance(Ms(400));
        neuron.Kick("x", 0, time.GetUtcNow(), sink);

        Assert.Equal(3, neuron.Potential(time.GetUtcNow()));
    }

    [Fact]
    public void Kick_AfterInputLasting_PotentialDropsBackToZero()
    {
        var time = Create();
        var neuron = new Neuron("h2", new NeuronConfig { Threshold = 10, Weights = Weights.Of(("x", 1)) });
        neuron.Kick("x", 0, time.GetUtcNow(), new RecordingSink());

        time.Advance(Ms(499));
        Assert.Equal(1, neuron.Potential(time.GetUtcNow()));
        time.Advance(Ms(2));
        Assert.Equal(0, neuron.Potential(time.GetUtcNow()));
    }

    [Fact]
    public void Kick_SameSourceAfterExpiry_StartsAgainFromOne()
    {
        var time = Create();
        var neuron = new Neuron("h2", new NeuronConfig { Threshold = 10, Weights = Weights.Of(("x", 1)) });
        var sink = new RecordingSink();
        neuron.Kick("x", 0, time.GetUtcNow(), sink);
        neuron.Kick("x", 0, time.GetUtcNow(), sink);

        time.Advance(Ms(600));
        neuron.Kick("x", 0, time.GetUtcNow(), sink);

        Assert.Equal(1, neuron.Potential(time.GetUtcNow()));
    }

    [Fact]
    public void Potential_NegativeWeights_IsTheWeightedSumOfLiveInputs()
    {
        var time = Create();
        var neuron = new Neuron("z", new NeuronConfig { Threshold = 10, Weights = Weights.Of(("a", 1), ("b", -2), ("c", 0.5)) });
        var sink = new RecordingSink();

        neuron.Kick("a", 0, time.GetUtcNow(), sink);
        neuron.Kick("a", 0, time.GetUtcNow(), sink);
        neuron.Kick("b", 0, time.GetUtcNow(), sink);
        neuron.Kick("c", 0, time.GetUtcNow(), sink);

        Assert.Equal(0.5, neuron.Potential(time.GetUtcNow()));
    }

    [Fact]
    public void Kick_InhibitoryOnly_NeverFiresWithNegativePotential()
    {
        var time = Create();
        var neuron = new Neuron("z", new NeuronConfig { Threshold = 0.9, Weights = Weights.Of(("h2", -2)) });
        var sink = new RecordingSink();

        neuron.Kick("h2", 0, time.GetUtcNow(), sink);

        Assert.Equal(-2, neuron.Potential(time.GetUtcNow()));
        Assert.Empty(sink.Fired);
    }
}
