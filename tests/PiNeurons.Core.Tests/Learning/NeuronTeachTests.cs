using PiNeurons.Core.Configuration;
using PiNeurons.Core.Learning;
using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;
using static PiNeurons.Core.Tests.Helpers.TestClock;

namespace PiNeurons.Core.Tests.Learning;

public class NeuronTeachTests
{
    private static readonly LearningConfig Perceptron = new() { Rule = LearningRule.Perceptron, Rate = 0.1, TeachWindowMs = 1000 };

    private static Neuron Learner(double a, double b, int windowMs = 0) => new("n", new NeuronConfig
    {
        Threshold = 1,
        Weights = Weights.Of(("a", a), ("b", b)),
        IntegrationWindowMs = windowMs,
        Learning = Perceptron,
    });

    [Fact]
    public void Teach_Target1AfterNotFiring_RaisesWeightsLowersThresholdAndEmitsLearnedInOrder()
    {
        var neuron = Learner(a: 0.2, b: 0.3);
        var sink = new ConfigSnapshotSink(() => neuron.Config);
        neuron.Kick("a", 0, Start, sink);
        neuron.Kick("a", 0, Start + Ms(10), sink);
        neuron.Kick("b", 0, Start + Ms(20), sink);
        Assert.Equal(0, neuron.FiredCount);
        sink.Events.Clear();

        Assert.True(neuron.Teach(1, Start + Ms(30), sink));

        const string cause = "teach: target 1, output 0";
        Assert.Equal(
        [
            new WeightChange(LearningRule.Perceptron, "a", 0.2, 0.4, cause),
            new WeightChange(LearningRule.Perceptron, "b", 0.3, 0.4, cause),
            new WeightChange(LearningRule.Perceptron, null, 1, 0.9, cause),
        ], sink.Events.Select(e => e.Event.Change));
        Assert.All(sink.Events, e =>
        {
            Assert.Equal(NeuronEventType.Learned, e.Event.Type);
            Assert.Equal(e.Event.Change!.Input, e.Event.From);
            Assert.Equal(cause, e.Event.Reason);
            Assert.Equal(Start + Ms(30), e.Event.At);
        });
        Assert.Equal(Weights.Of(("a", 0.4), ("b", 0.4)), neuron.Config.Weights);
        Assert.Equal(0.9, neuron.Config.Threshold);
    }

    [Fact]
    public void Teach_LearnedEvents_GoOutOnlyOnceTheConfigHoldsTheirChange()
    {
        var neuron = Learner(a: 0.2, b: 0.3);
        var sink = new ConfigSnapshotSink(() => neuron.Config);
        neuron.Kick("a", 0, Start, sink);
        neuron.Kick("b", 0, Start, sink);
        sink.Events.Clear();

        neuron.Teach(1, Start + Ms(1), sink);

        Assert.Equal(3, sink.Events.Count);
        Assert.All(sink.Events, e => Assert.Equal(
            e.Event.Change!.New,
            e.Event.Change.Input is { } input ? e.Config.WeightOf(input) : e.Config.Threshold));
    }

    [Fact]
    public void Teach_Target0AfterFiring_LowersWeightsOfTheInputsItFiredOnAndRaisesThreshold()
    {
        var neuron = Learner(a: 0.6, b: 0.5);
        var sink = new RecordingSink();
        neuron.Kick("a", 0, Start, sink);
        neuron.Kick("b", 0, Start + Ms(10), sink);
        Assert.Equal(1, neuron.FiredCount);
        sink.Clear();

        Assert.True(neuron.Teach(0, Start + Ms(20), sink));

        Assert.Equal([("a", 0.6, 0.5), ("b", 0.5, 0.4), (null, 1.0, 1.1)], sink.Events.Select(e => (e.From, e.Change!.Old, e.Change.New)));
        Assert.All(sink.Events, e => Assert.Equal("teach: target 0, output 1", e.Reason));
        Assert.Equal(Weights.Of(("a", 0.5), ("b", 0.4)), neuron.Config.Weights);
        Assert.Equal(1.1, neuron.Config.Threshold);
    }

    [Theory]
    [InlineData(0.2, 0)]
    [InlineData(0.6, 1)]
    public void Teach_RightAnswer_AppliedButChangesAndEmitsNothing(double weight, int fires)
    {
        var neuron = Learner(a: weight, b: weight);
        neuron.Kick("a", 0, Start, new RecordingSink());
        neuron.Kick("b", 0, Start, new RecordingSink());
        Assert.Equal(fires, neuron.FiredCount);
        var config = neuron.Config;
        var sink = new RecordingSink();

        Assert.True(neuron.Teach(fires, Start + Ms(1), sink));

        Assert.Empty(sink.Events);
        Assert.Same(config, neuron.Config);
        Assert.True(neuron.LastDecision!.Taught);
    }

    [Fact]
    public void Teach_AtExactlyTeachWindowMs_StillApplies()
    {
        var neuron = Learner(a: 0.2, b: 0.3);
        neuron.Kick("a", 0, Start, new RecordingSink());
        var sink = new RecordingSink();

        Assert.True(neuron.Teach(1, Start + Ms(1000), sink));

        Assert.Equal(["a", null], sink.Events.Select(e => e.From));
    }

    [Fact]
    public void Teach_WithIntegrationWindow_AppliesToTheDecisionAtTheWindowsEnd()
    {
        var neuron = Learner(a: 0.2, b: 0.3, windowMs: 150);
        var sink = new RecordingSink();
        neuron.Kick("a", 0, Start, sink);
        neuron.Kick("b", 0, Start + Ms(100), sink);
        Assert.False(neuron.Teach(1, Start + Ms(149), sink));
        neuron.Decide(Start + Ms(150), sink);
        sink.Clear();

        Assert.True(neuron.Teach(1, Start + Ms(160), sink));

        Assert.Equal(Start + Ms(150), neuron.LastDecision!.At);
        Assert.Equal([("a", 0.3), ("b", 0.4), (null, 0.9)], sink.Events.Select(e => (e.From, e.Change!.New)));
    }

    [Fact]
    public void Teach_AfterASetOfWeights_StartsFromTheSetValueAndKeepsLearning()
    {
        var neuron = Learner(a: 0.2, b: 0.3);
        neuron.Kick("a", 0, Start, new RecordingSink());
        var patched = ConfigPatch.Apply(neuron.Config, """{"weights":{"a":0.5}}""");
        neuron.Reconfigure(patched.Config!);

        Assert.True(neuron.Teach(1, Start + Ms(10), new RecordingSink()));

        Assert.Equal(Perceptron, neuron.Config.Learning);
        Assert.Equal(Weights.Of(("a", 0.6), ("b", 0.3)), neuron.Config.Weights);
    }

    [Fact]
    public void Teach_WeightsLearned_DecideTheNextKick()
    {
        var neuron = Learner(a: 0.9, b: 0);
        neuron.Kick("a", 0, Start, new RecordingSink());
        neuron.Teach(1, Start + Ms(10), new RecordingSink());
        var sink = new RecordingSink();

        neuron.Kick("a", 0, Start + Ms(600), sink);

        Assert.Equal([NeuronEventType.Kicked, NeuronEventType.Fired], sink.Types);
        Assert.Equal(1, neuron.LastDecision!.Output);
    }

    [Fact]
    public void Teach_AfterFiringOnAKickFromANeuronNamedFire_Applies()
    {
        // "fire" is a valid neuron id: a firing it caused was decided on the inputs, not forced by the fire command.
        var neuron = new Neuron("n", new NeuronConfig { Threshold = 1, Weights = Weights.Of(("fire", 1)), Learning = Perceptron });
        neuron.Kick("fire", 0, Start, new RecordingSink());
        Assert.Equal(1, neuron.FiredCount);
        var sink = new RecordingSink();

        Assert.True(neuron.Teach(0, Start + Ms(10), sink));

        Assert.Equal([("fire", 0.9), (null, 1.1)], sink.Events.Select(e => (e.From, e.Change!.New)));
    }

    [Fact]
    public void Teach_WindowClosedButItsTimerNotRunYet_DecidesFirstThenLearns()
    {
        var neuron = Learner(a: 0.2, b: 0.3, windowMs: 150);
        var sink = new ConfigSnapshotSink(() => neuron.Config);
        neuron.Kick("a", 0, Start, sink);

        // A late timer: the teach comes after the window's end, before the runtime called Decide.
        Assert.True(neuron.Teach(1, Start + Ms(160), sink));

        Assert.Null(neuron.DecisionDueAt);
        Assert.Equal(0.3, neuron.Config.WeightOf("a"));
        Assert.Contains(sink.Events, e => e.Event.Type == NeuronEventType.Decided);
    }
}
