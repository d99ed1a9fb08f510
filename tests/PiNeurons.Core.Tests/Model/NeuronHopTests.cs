using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;
using static PiNeurons.Core.Tests.Helpers.TestClock;

namespace PiNeurons.Core.Tests.Model;

public class NeuronHopTests
{
    [Fact]
    public void Kick_Fires_DownstreamHopIsOnePlusLargestLiveInputHop()
    {
        var time = Create();
        var neuron = new Neuron("z", new NeuronConfig { Threshold = 2.5, Weights = Weights.Of(("a", 1), ("b", 1), ("c", 1)) });
        var sink = new RecordingSink();

        neuron.Kick("a", 3, time.GetUtcNow(), sink);
        neuron.Kick("b", 7, time.GetUtcNow(), sink);
        neuron.Kick("c", 1, time.GetUtcNow(), sink);

        Assert.Equal(8, Assert.Single(sink.Fired).Hop);
        Assert.Equal(8, Assert.Single(sink.OfType(NeuronEventType.Fired)).Hop);
    }

    [Fact]
    public void Kick_Fires_ExpiredInputsHopIsNotCounted()
    {
        var time = Create();
        var neuron = new Neuron("z", new NeuronConfig { Threshold = 1.5, Weights = Weights.Of(("a", 1), ("b", 1)) });
        var sink = new RecordingSink();
        neuron.Kick("a", 9, time.GetUtcNow(), sink);

        time.Advance(Ms(600));
        neuron.Kick("a", 1, time.GetUtcNow(), sink);
        neuron.Kick("b", 2, time.GetUtcNow(), sink);

        Assert.Equal(3, Assert.Single(sink.Fired).Hop);
    }

    [Fact]
    public void Kick_HopAboveMaxHops_DroppedWithErrorNamingMaxHops()
    {
        var time = Create();
        var neuron = new Neuron("h1", new NeuronConfig { Threshold = 0.9, Weights = Weights.Of(("x", 1)), MaxHops = 5 });
        var sink = new RecordingSink();

        neuron.Kick("x", 6, time.GetUtcNow(), sink);

        var error = Assert.Single(sink.Events);
        Assert.Equal(NeuronEventType.Error, error.Type);
        Assert.Equal("x", error.From);
        Assert.Equal(6, error.Hop);
        Assert.Contains("maxHops 5", error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, neuron.Potential(time.GetUtcNow()));
        Assert.Equal(0, neuron.InputCount);
        Assert.Empty(sink.Fired);
    }

    [Fact]
    public void Kick_HopEqualToMaxHops_IsIntegrated()
    {
        var time = Create();
        var neuron = new Neuron("h1", new NeuronConfig { Threshold = 0.9, Weights = Weights.Of(("x", 1)), MaxHops = 5 });
        var sink = new RecordingSink();

        neuron.Kick("x", 5, time.GetUtcNow(), sink);

        Assert.Equal([NeuronEventType.Kicked, NeuronEventType.Fired], sink.Types);
        Assert.Equal(6, Assert.Single(sink.Fired).Hop);
    }

    [Fact]
    public void Kick_MaxHopsZero_NoLimit()
    {
        var time = Create();
        var neuron = new Neuron("h1", new NeuronConfig { Threshold = 0.9, Weights = Weights.Of(("x", 1)), MaxHops = 0 });
        var sink = new RecordingSink();

        neuron.Kick("x", 1_000_000, time.GetUtcNow(), sink);

        Assert.Equal([NeuronEventType.Kicked, NeuronEventType.Fired], sink.Types);
        Assert.Equal(1_000_001, Assert.Single(sink.Fired).Hop);
    }

    [Fact]
    public void ForceFire_Hop_SendsOneMore()
    {
        var time = Create();
        var neuron = new Neuron("x", NeuronConfig.Default);
        var sink = new RecordingSink();

        neuron.ForceFire(4, time.GetUtcNow(), sink);

        Assert.Equal(5, Assert.Single(sink.Fired).Hop);
    }
}
