using PiNeurons.Core.Learning;
using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;
using static PiNeurons.Core.Tests.Helpers.TestClock;

namespace PiNeurons.Core.Tests.Learning;

public class NeuronTeachRefusalTests
{
    private static NeuronConfig Config(LearningRule rule = LearningRule.Perceptron) => new()
    {
        Threshold = 1,
        Weights = Weights.Of(("a", 0.6), ("b", 0.5)),
        Learning = new LearningConfig { Rule = rule, TeachWindowMs = 1000 },
    };

    /// <summary>Teaches <paramref name="target"/> at <paramref name="at"/> and checks it was refused, saying
    /// <paramref name="why"/>, with nothing changed.</summary>
    private static void AssertRefused(Neuron neuron, int target, DateTimeOffset at, string why)
    {
        var config = neuron.Config;
        var taught = neuron.LastDecision?.Taught;
        var sink = new RecordingSink();

        Assert.False(neuron.Teach(target, at, sink));

        var error = Assert.Single(sink.Events);
        Assert.Equal(NeuronEventType.Error, error.Type);
        Assert.Null(error.From);
        Assert.Equal(at, error.At);
        Assert.StartsWith("teach: " + why, error.Reason, StringComparison.Ordinal);
        Assert.Same(config, neuron.Config);
        Assert.Equal(taught, neuron.LastDecision?.Taught);
    }

    [Theory]
    [InlineData(LearningRule.None, "none")]
    [InlineData(LearningRule.Stdp, "stdp")]
    public void Teach_RuleNotPerceptron_RefusedNamingTheRule(LearningRule rule, string name)
    {
        var neuron = new Neuron("n", Config(rule));
        neuron.Kick("a", 0, Start, new RecordingSink());

        AssertRefused(neuron, 1, Start + Ms(10), $"learning.rule is {name}; only a neuron with rule perceptron can be taught");
    }

    [Fact]
    public void Teach_NoDecisionYet_Refused()
    {
        AssertRefused(new Neuron("n", Config()), 1, Start, "no decision to teach yet: kick the neuron, then teach");
    }

    [Fact]
    public void Teach_DecisionOlderThanTeachWindowMs_RefusedWithItsAge()
    {
        var neuron = new Neuron("n", Config());
        neuron.Kick("a", 0, Start, new RecordingSink());

        AssertRefused(neuron, 1, Start + Ms(1001), "the last decision was 1001 ms ago, more than teachWindowMs 1000");
    }

    [Fact]
    public void Teach_IntegrationWindowStillOpen_RefusedSayingWhenItCloses()
    {
        var neuron = new Neuron("n", Config() with { IntegrationWindowMs = 150 });
        neuron.Kick("a", 0, Start, new RecordingSink());

        AssertRefused(neuron, 1, Start + Ms(50), "still deciding (its integration window closes in 100 ms); teach after the decision");
    }

    [Fact]
    public void Teach_DecisionAlreadyTaught_RefusedAndLearnsOnlyOnce()
    {
        var neuron = new Neuron("n", Config());
        neuron.Kick("a", 0, Start, new RecordingSink());
        Assert.True(neuron.Teach(1, Start + Ms(10), new RecordingSink()));
        Assert.Equal(0.7, neuron.Config.WeightOf("a"));

        AssertRefused(neuron, 1, Start + Ms(20), "the last decision was already taught; kick the neuron again, then teach");
        Assert.Equal(0.7, neuron.Config.WeightOf("a"));
    }

    [Fact]
    public void Teach_AfterForcedFire_RefusedAsNotDecidedOnItsInputs()
    {
        var neuron = new Neuron("n", Config());
        neuron.Kick("a", 0, Start, new RecordingSink());
        neuron.ForceFire(0, Start + Ms(10), new RecordingSink());

        AssertRefused(neuron, 0, Start + Ms(20), "the last decision cannot be taught: it was forced by the fire command");
    }

    [Fact]
    public void Teach_AfterFiringSuppressedByTheCap_Refused()
    {
        var neuron = new Neuron("n", Config() with { RefractoryMs = 0, MaxFiresPerSecond = 1 });
        neuron.Kick("a", 0, Start, new RecordingSink());
        neuron.Kick("b", 0, Start, new RecordingSink());
        neuron.Kick("a", 0, Start + Ms(10), new RecordingSink());
        neuron.Kick("b", 0, Start + Ms(10), new RecordingSink());
        Assert.Equal(1, neuron.FiredCount);

        AssertRefused(neuron, 1, Start + Ms(20),
            "the last decision cannot be taught: its firing was suppressed: maxFiresPerSecond 1 reached");
    }

    [Fact]
    public void Teach_AfterFiringSuppressedByRefractory_Refused()
    {
        // A window opened outside the refractory period and closed within a longer one set meanwhile.
        var neuron = new Neuron("n", Config() with { RefractoryMs = 5, IntegrationWindowMs = 150 });
        neuron.ForceFire(0, Start, new RecordingSink());
        neuron.Kick("a", 0, Start + Ms(10), new RecordingSink());
        neuron.Kick("b", 0, Start + Ms(10), new RecordingSink());
        neuron.Reconfigure(neuron.Config with { RefractoryMs = 1000 });
        neuron.Decide(Start + Ms(160), new RecordingSink());

        AssertRefused(neuron, 1, Start + Ms(170),
            "the last decision cannot be taught: its firing was suppressed: within refractory period");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void Teach_TargetNotZeroOrOne_Refused(int target)
    {
        var neuron = new Neuron("n", Config());
        neuron.Kick("a", 0, Start, new RecordingSink());

        AssertRefused(neuron, target, Start + Ms(10), $"target must be 0 or 1, got {target}");
    }
}
