using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;
using static PiNeurons.Core.Tests.Helpers.TestClock;

namespace PiNeurons.Core.Tests.Model;

public class NeuronIntegrationWindowTests
{
    private static Neuron Z(int windowMs = 150) => new("z", new NeuronConfig
    {
        Threshold = 0.9,
        Weights = Weights.Of(("h1", 1), ("h2", -2), ("h3", 1)),
        IntegrationWindowMs = windowMs,
    });

    [Fact]
    public void Kick_FirstOfBurst_CallsOnDecisionDueAtNowPlusWindowAndDoesNotFire()
    {
        var time = Create();
        var neuron = Z();
        var sink = new RecordingSink();

        neuron.Kick("h1", 0, time.GetUtcNow(), sink);

        Assert.Equal([time.GetUtcNow() + Ms(150)], sink.DecisionsDue);
        Assert.Equal(time.GetUtcNow() + Ms(150), neuron.DecisionDueAt);
        Assert.Equal([NeuronEventType.Kicked], sink.Types);
        Assert.Empty(sink.Fired);
    }

    [Fact]
    public void Kick_LaterInBurst_DoesNotOpenAnotherWindow()
    {
        var time = Create();
        var neuron = Z();
        var sink = new RecordingSink();

        neuron.Kick("h1", 0, time.GetUtcNow(), sink);
        time.Advance(Ms(100));
        neuron.Kick("h3", 0, time.GetUtcNow(), sink);

        Assert.Equal([Start + Ms(150)], sink.DecisionsDue);
    }

    [Fact]
    public void Decide_BeforeDue_IsIgnored()
    {
        var time = Create();
        var neuron = Z();
        var sink = new RecordingSink();
        neuron.Kick("h1", 0, time.GetUtcNow(), sink);

        time.Advance(Ms(149));
        neuron.Decide(time.GetUtcNow(), sink);

        Assert.Empty(sink.Fired);
        Assert.Equal(Start + Ms(150), neuron.DecisionDueAt);
    }

    [Fact]
    public void Decide_AtDue_FiresFromTheBurstsLastSource()
    {
        var time = Create();
        var neuron = Z();
        var sink = new RecordingSink();
        neuron.Kick("h1", 0, time.GetUtcNow(), sink);
        time.Advance(Ms(50));
        neuron.Kick("h3", 0, time.GetUtcNow(), sink);

        time.Advance(Ms(100));
        neuron.Decide(time.GetUtcNow(), sink);

        var fired = Assert.Single(sink.OfType(NeuronEventType.Fired));
        Assert.Equal("h3", fired.From);
        Assert.Equal(Start + Ms(150), fired.At);
        Assert.Single(sink.Fired);
        Assert.Null(neuron.DecisionDueAt);
    }

    [Fact]
    public void Decide_ExcitatoryAndInhibitoryWithinWindow_SumTogetherAndDoNotFire()
    {
        var time = Create();
        var neuron = Z();
        var sink = new RecordingSink();
        neuron.Kick("h1", 0, time.GetUtcNow(), sink);
        time.Advance(Ms(20));
        neuron.Kick("h2", 0, time.GetUtcNow(), sink);
        time.Advance(Ms(80));
        neuron.Kick("h3", 0, time.GetUtcNow(), sink);

        time.Advance(Ms(50));
        neuron.Decide(time.GetUtcNow(), sink);

        Assert.Equal(0, neuron.Potential(time.GetUtcNow()));
        Assert.Empty(sink.Fired);
        Assert.Equal(0, neuron.FiredCount);
    }

    [Fact]
    public void Kick_AfterUnfiredDecision_OpensANewWindow()
    {
        var time = Create();
        var neuron = Z();
        var sink = new RecordingSink();
        neuron.Kick("h2", 0, time.GetUtcNow(), sink);
        time.Advance(Ms(150));
        neuron.Decide(time.GetUtcNow(), sink);

        time.Advance(Ms(10));
        neuron.Kick("h1", 0, time.GetUtcNow(), sink);

        Assert.Equal([Start + Ms(150), Start + Ms(310)], sink.DecisionsDue);
    }

    [Fact]
    public void Decide_NoWindowOpen_DoesNothing()
    {
        var time = Create();
        var neuron = Z();
        var sink = new RecordingSink();

        neuron.Decide(time.GetUtcNow(), sink);

        Assert.Empty(sink.Events);
        Assert.Empty(sink.Fired);
    }

    [Fact]
    public void Decide_StaleTimerAfterForceFireClosedTheWindow_DoesNothing()
    {
        var time = Create();
        var neuron = Z();
        var sink = new RecordingSink();
        neuron.Kick("h1", 0, time.GetUtcNow(), sink);
        neuron.ForceFire(0, time.GetUtcNow(), sink);

        time.Advance(Ms(150));
        neuron.Decide(time.GetUtcNow(), sink);

        Assert.Equal(1, neuron.FiredCount);
        Assert.Null(neuron.DecisionDueAt);
    }
}
