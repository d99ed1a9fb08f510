using PiNeurons.Core.Learning;
using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;

namespace PiNeurons.Core.Tests.Learning;

public class PerceptronRuleTests
{
    private static readonly DateTimeOffset At = TestClock.Start;

    private static LearningConfig Perceptron(double rate = 0.1, double maxWeight = 10) =>
        new() { Rule = LearningRule.Perceptron, Rate = rate, MaxWeight = maxWeight };

    private static Decision Decided(int output, params (string Source, double Value)[] inputs) =>
        new(At, output, [.. inputs.Select(i => new KeyValuePair<string, double>(i.Source, i.Value))]);

    private static List<WeightChange> Step(LearningConfig learning, NeuronConfig config, Decision decision, int target)
    {
        var changes = new List<WeightChange>();
        PerceptronRule.Step(learning, config.Threshold, config.WeightOf, decision, target, changes);
        return changes;
    }

    [Fact]
    public void Step_Target1Output0_RaisesEachWeightByRateTimesValueAndLowersThreshold()
    {
        var config = new NeuronConfig { Threshold = 1, Weights = Weights.Of(("a", 0.5), ("b", -0.25)) };

        var changes = Step(Perceptron(), config, Decided(0, ("a", 1), ("b", 2)), target: 1);

        const string cause = "teach: target 1, output 0";
        Assert.Equal(
        [
            new WeightChange(LearningRule.Perceptron, "a", 0.5, 0.6, cause),
            new WeightChange(LearningRule.Perceptron, "b", -0.25, -0.05, cause),
            new WeightChange(LearningRule.Perceptron, null, 1, 0.9, cause),
        ], changes);
    }

    [Fact]
    public void Step_Target0Output1_LowersEachWeightAndRaisesThreshold()
    {
        var config = new NeuronConfig { Threshold = 0.4, Weights = Weights.Of(("a", 0.5), ("b", 1)) };

        var changes = Step(Perceptron(rate: 0.25), config, Decided(1, ("a", 1), ("b", 2)), target: 0);

        Assert.Equal([("a", 0.5, 0.25), ("b", 1.0, 0.5), (null, 0.4, 0.65)], changes.Select(c => (c.Input, c.Old, c.New)));
        Assert.All(changes, c => Assert.Equal("teach: target 0, output 1", c.Cause));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Step_RightDecision_ChangesNothing(int output)
    {
        var config = new NeuronConfig { Weights = Weights.Of(("a", 0.5)) };

        Assert.Empty(Step(Perceptron(), config, Decided(output, ("a", 1)), target: output));
    }

    [Fact]
    public void Step_InputWithoutWeight_StartsFromTheProtocolsDefault()
    {
        var changes = Step(Perceptron(), NeuronConfig.Default, Decided(0, ("h1", 1), (KickSources.External, 1)), target: 1);

        Assert.Equal([("h1", 0.0, 0.1), ("external", 1.0, 1.1), (null, 1.0, 0.9)], changes.Select(c => (c.Input, c.Old, c.New)));
    }

    [Fact]
    public void Step_BeyondMaxWeight_ClampsWeightAndThreshold()
    {
        var config = new NeuronConfig { Threshold = -0.95, Weights = Weights.Of(("a", 0.95), ("b", 0.5)) };

        var changes = Step(Perceptron(rate: 0.1, maxWeight: 1), config, Decided(0, ("a", 2), ("b", 1)), target: 1);

        Assert.Equal([("a", 0.95, 1.0), ("b", 0.5, 0.6), (null, -0.95, -1.0)], changes.Select(c => (c.Input, c.Old, c.New)));
    }

    [Fact]
    public void Step_ValuesSetBeyondMaxWeight_MoveTheRulesWayAndAreNotPulledBack()
    {
        var config = new NeuronConfig { Threshold = 50, Weights = Weights.Of(("a", 20), ("b", -20)) };

        var changes = Step(Perceptron(rate: 0.5, maxWeight: 10), config, Decided(0, ("a", 1), ("b", 1)), target: 1);

        // a cannot go further out, b moves up from -20, the threshold moves down from 50: none jumps to ±10.
        Assert.Equal([("b", -20.0, -19.5), (null, 50.0, 49.5)], changes.Select(c => (c.Input, c.Old, c.New)));
    }

    [Fact]
    public void Step_WeightAlreadyAtMaxWeight_NoChangeForIt()
    {
        var config = new NeuronConfig { Threshold = 0.5, Weights = Weights.Of(("a", 1)) };

        var change = Assert.Single(Step(Perceptron(maxWeight: 1), config, Decided(0, ("a", 1)), target: 1));

        Assert.Null(change.Input);
        Assert.Equal(0.4, change.New);
    }

    [Fact]
    public void Step_SumNotExactInBinary_RoundedTo6Decimals()
    {
        Assert.NotEqual(0.3, 0.2 + 0.1);
        var config = new NeuronConfig { Threshold = 0.3, Weights = Weights.Of(("a", 0.2)) };

        var changes = Step(Perceptron(), config, Decided(0, ("a", 1)), target: 1);

        Assert.Equal(0.3, changes[0].New);
        Assert.Equal(0.2, changes[1].New);
    }

    [Fact]
    public void Step_TinyRate_RoundsToNoChange()
    {
        var config = new NeuronConfig { Threshold = 1, Weights = Weights.Of(("a", 0.5)) };

        Assert.Empty(Step(Perceptron(rate: 1e-7), config, Decided(0, ("a", 1)), target: 1));
    }
}
