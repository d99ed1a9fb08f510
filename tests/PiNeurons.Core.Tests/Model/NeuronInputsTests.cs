using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;
using static PiNeurons.Core.Tests.Helpers.TestClock;

namespace PiNeurons.Core.Tests.Model;

public class NeuronInputsTests
{
    private static Neuron Holder() => new("h", new NeuronConfig { Threshold = 100, Weights = Weights.Of(("a", 1), ("b", 1)) });

    [Fact]
    public void NextInputExpiry_NoInputs_IsNull()
    {
        var time = Create();

        Assert.Null(Holder().NextInputExpiry(time.GetUtcNow()));
    }

    [Fact]
    public void NextInputExpiry_TwoInputs_IsJustAfterTheEarliestLastKickPlusInputLasting()
    {
        var time = Create();
        var neuron = Holder();
        var sink = new RecordingSink();
        neuron.Kick("a", 0, time.GetUtcNow(), sink);
        time.Advance(Ms(100));
        neuron.Kick("b", 0, time.GetUtcNow(), sink);

        Assert.Equal(Start + Ms(500) + TimeSpan.FromTicks(1), neuron.NextInputExpiry(time.GetUtcNow()));
        time.Advance(Ms(401));
        Assert.Equal(Start + Ms(600) + TimeSpan.FromTicks(1), neuron.NextInputExpiry(time.GetUtcNow()));
        time.Advance(Ms(100));
        Assert.Null(neuron.NextInputExpiry(time.GetUtcNow()));
    }

    [Fact]
    public void NextInputExpiry_SourceKickedAgain_MovesLater()
    {
        var time = Create();
        var neuron = Holder();
        var sink = new RecordingSink();
        neuron.Kick("a", 0, time.GetUtcNow(), sink);

        time.Advance(Ms(300));
        neuron.Kick("a", 0, time.GetUtcNow(), sink);

        Assert.Equal(Start + Ms(800) + TimeSpan.FromTicks(1), neuron.NextInputExpiry(time.GetUtcNow()));
    }

    [Fact]
    public void NextInputExpiry_AtTheReportedInstant_PotentialHasDropped()
    {
        var time = Create();
        var neuron = Holder();
        neuron.Kick("a", 0, time.GetUtcNow(), new RecordingSink());

        var expiry = neuron.NextInputExpiry(time.GetUtcNow())!.Value;

        Assert.Equal(0, neuron.Potential(expiry));
        Assert.Null(neuron.NextInputExpiry(expiry));
    }

    [Fact]
    public void PruneInputs_ExpiredInputs_AreRemovedAndLiveOnesKept()
    {
        var time = Create();
        var neuron = Holder();
        var sink = new RecordingSink();
        neuron.Kick("a", 0, time.GetUtcNow(), sink);
        time.Advance(Ms(300));
        neuron.Kick("b", 0, time.GetUtcNow(), sink);

        time.Advance(Ms(300));
        neuron.PruneInputs(time.GetUtcNow());

        Assert.Equal(1, neuron.InputCount);
        Assert.Equal(1, neuron.Potential(time.GetUtcNow()));
        time.Advance(Ms(300));
        neuron.PruneInputs(time.GetUtcNow());
        Assert.Equal(0, neuron.InputCount);
    }
}
