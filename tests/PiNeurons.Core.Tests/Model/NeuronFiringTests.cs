using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;
using static PiNeurons.Core.Tests.Helpers.TestClock;

namespace PiNeurons.Core.Tests.Model;

public class NeuronFiringTests
{
    private static Neuron FiresOnOneKick(int refractoryMs = 100) =>
        new("h1", new NeuronConfig { Threshold = 0.9, Weights = Weights.Of(("x", 1)), RefractoryMs = refractoryMs });

    [Fact]
    public void Kick_Fires_InputsResetSoPotentialIsZero()
    {
        var time = Create();
        var neuron = FiresOnOneKick();

        neuron.Kick("x", 0, time.GetUtcNow(), new RecordingSink());

        Assert.Equal(0, neuron.Potential(time.GetUtcNow()));
        Assert.Equal(0, neuron.InputCount);
    }

    [Fact]
    public void Kick_Fires_OutputIsOneForRefractoryMsThenZero()
    {
        var time = Create();
        var neuron = FiresOnOneKick(refractoryMs: 100);
        Assert.Equal(0, neuron.Output(time.GetUtcNow()));

        neuron.Kick("x", 0, time.GetUtcNow(), new RecordingSink());

        Assert.Equal(1, neuron.Output(time.GetUtcNow()));
        time.Advance(Ms(99));
        Assert.Equal(1, neuron.Output(time.GetUtcNow()));
        time.Advance(Ms(1));
        Assert.Equal(0, neuron.Output(time.GetUtcNow()));
    }

    [Fact]
    public void Kick_Fires_OnFiredCarriesRefractoryMsAsOutputDuration()
    {
        var time = Create();
        var sink = new RecordingSink();

        FiresOnOneKick(refractoryMs: 250).Kick("x", 0, time.GetUtcNow(), sink);

        Assert.Equal(Ms(250), Assert.Single(sink.Fired).Duration);
    }

    [Fact]
    public void Kick_FiresTwice_IncrementsFiredCountAndSetsLastFiredAt()
    {
        var time = Create();
        var neuron = FiresOnOneKick();
        Assert.Null(neuron.LastFiredAt);

        neuron.Kick("x", 0, time.GetUtcNow(), new RecordingSink());
        time.Advance(Ms(300));
        var second = time.GetUtcNow();
        neuron.Kick("x", 0, second, new RecordingSink());

        Assert.Equal(2, neuron.FiredCount);
        Assert.Equal(second, neuron.LastFiredAt);
    }

    [Fact]
    public void Kick_WithinRefractory_EmitsKickedAndRefractoryAndIsNotIntegrated()
    {
        var time = Create();
        var neuron = FiresOnOneKick(refractoryMs: 100);
        neuron.Kick("x", 0, time.GetUtcNow(), new RecordingSink());
        var sink = new RecordingSink();

        time.Advance(Ms(50));
        neuron.Kick("x", 0, time.GetUtcNow(), sink);

        Assert.Equal([NeuronEventType.Kicked, NeuronEventType.Refractory], sink.Types);
        Assert.All(sink.Events, e => Assert.Equal("x", e.From));
        Assert.Empty(sink.Fired);
        Assert.Equal(1, neuron.FiredCount);
        time.Advance(Ms(60));
        Assert.Equal(0, neuron.Potential(time.GetUtcNow()));
    }

    [Fact]
    public void Kick_RightAfterRefractory_FiresAgain()
    {
        var time = Create();
        var neuron = FiresOnOneKick(refractoryMs: 100);
        neuron.Kick("x", 0, time.GetUtcNow(), new RecordingSink());
        var sink = new RecordingSink();

        time.Advance(Ms(100));
        neuron.Kick("x", 0, time.GetUtcNow(), sink);

        Assert.Equal([NeuronEventType.Kicked, NeuronEventType.Fired], sink.Types);
        Assert.Equal(2, neuron.FiredCount);
    }

    [Fact]
    public void ForceFire_BelowThresholdAndWithinRefractory_FiresAtOnceFromFire()
    {
        var time = Create();
        var neuron = new Neuron("h2", new NeuronConfig { Threshold = 100, RefractoryMs = 100 });
        var sink = new RecordingSink();

        neuron.ForceFire(0, time.GetUtcNow(), sink);
        time.Advance(Ms(10));
        neuron.ForceFire(0, time.GetUtcNow(), sink);

        Assert.Equal([NeuronEventType.Fired, NeuronEventType.Fired], sink.Types);
        Assert.All(sink.Events, e => Assert.Equal(KickSources.Fire, e.From));
        Assert.Equal([(1, Ms(100)), (1, Ms(100))], sink.Fired);
        Assert.Equal(2, neuron.FiredCount);
        Assert.Equal(time.GetUtcNow(), neuron.LastFiredAt);
    }

    [Fact]
    public void ForceFire_WithHeldInputs_ResetsThem()
    {
        var time = Create();
        var neuron = new Neuron("h2", new NeuronConfig { Threshold = 5, Weights = Weights.Of(("x", 1)) });
        neuron.Kick("x", 0, time.GetUtcNow(), new RecordingSink());

        neuron.ForceFire(0, time.GetUtcNow(), new RecordingSink());

        Assert.Equal(0, neuron.Potential(time.GetUtcNow()));
    }

    [Fact]
    public void Reconfigure_NewWeight_AppliesToHeldInputs()
    {
        var time = Create();
        var neuron = new Neuron("h2", new NeuronConfig { Threshold = 5 });
        neuron.Kick("x", 0, time.GetUtcNow(), new RecordingSink());
        Assert.Equal(0, neuron.Potential(time.GetUtcNow()));

        neuron.Reconfigure(neuron.Config with { Weights = Weights.Of(("x", 2)) });

        Assert.Equal(2, neuron.Potential(time.GetUtcNow()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("+")]
    public void Constructor_InvalidId_ThrowsNamingId(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Neuron(id, NeuronConfig.Default));

        Assert.Equal("id", ex.ParamName);
        Assert.Contains("not a valid neuron id", ex.Message, StringComparison.Ordinal);
    }
}
