using PiNeurons.Core.Configuration;
using PiNeurons.Core.Learning;
using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;

namespace PiNeurons.Core.Tests.Configuration;

public class LearningPatchMergeTests
{
    private static readonly LearningConfig Perceptron = new() { Rule = LearningRule.Perceptron };
    private static readonly LearningConfig Stdp = new() { Rule = LearningRule.Stdp };

    /// <summary>A perceptron neuron with every parameter away from its default.</summary>
    private static NeuronConfig Taught() => new()
    {
        Threshold = 0.9,
        Weights = Weights.Of(("a", 0.5)),
        Learning = Perceptron with { Rate = 0.2, TeachWindowMs = 1000, MaxWeight = 5 },
    };

    private static LearningConfig Patched(NeuronConfig start, string patch)
    {
        var result = ConfigPatch.Apply(start, patch);
        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(start with { Learning = result.Config!.Learning }, result.Config);
        return result.Config.Learning;
    }

    [Fact]
    public void Default_NoLearning()
    {
        Assert.Equal(LearningConfig.None, NeuronConfig.Default.Learning);
        Assert.Equal(LearningRule.None, LearningConfig.None.Rule);
    }

    [Fact]
    public void Apply_RuleOnly_TheRuleWithItsDefaults()
    {
        var learning = Patched(NeuronConfig.Default, """{"learning":{"rule":"perceptron"}}""");

        Assert.Equal(Perceptron, learning);
        Assert.Equal((0.1, 5000, 10.0), (learning.Rate, learning.TeachWindowMs, learning.MaxWeight));
    }

    [Fact]
    public void Apply_RuleAndParameters_SetsThem()
    {
        var learning = Patched(NeuronConfig.Default, """{"learning":{"rule":"stdp","aPlus":0.1,"aMinus":0.2,"tauPlusMs":15,"tauMinusMs":25.5,"maxWeight":3}}""");

        Assert.Equal(Stdp with { APlus = 0.1, AMinus = 0.2, TauPlusMs = 15, TauMinusMs = 25.5, MaxWeight = 3 }, learning);
    }

    [Fact]
    public void Apply_OneParameter_MergedKeepingTheOthers()
    {
        Assert.Equal(Taught().Learning with { Rate = 0.3 }, Patched(Taught(), """{"learning":{"rate":0.3}}"""));
    }

    [Fact]
    public void Apply_SameRuleAgain_KeepsItsParameters()
    {
        Assert.Equal(Taught().Learning, Patched(Taught(), """{"learning":{"rule":"perceptron"}}"""));
    }

    [Fact]
    public void Apply_EmptyLearningObject_ChangesNothing()
    {
        Assert.Equal(Taught().Learning, Patched(Taught(), """{"learning":{}}"""));
    }

    [Fact]
    public void Apply_OtherRule_StartsFromItsDefaultsEvenForSharedMaxWeight()
    {
        Assert.Equal(Stdp, Patched(Taught(), """{"learning":{"rule":"stdp"}}"""));
    }

    [Fact]
    public void Apply_OtherRuleWithParametersBeforeIt_ParametersApplyToTheNewRule()
    {
        Assert.Equal(Stdp with { APlus = 0.01 }, Patched(Taught(), """{"learning":{"aPlus":0.01,"rule":"stdp"}}"""));
    }

    [Theory]
    [InlineData("rate")]
    [InlineData("teachWindowMs")]
    [InlineData("maxWeight")]
    public void Apply_ParameterNull_BackToItsDefault(string parameter)
    {
        var expected = parameter switch
        {
            "rate" => Taught().Learning with { Rate = 0.1 },
            "teachWindowMs" => Taught().Learning with { TeachWindowMs = 5000 },
            _ => Taught().Learning with { MaxWeight = 10 },
        };

        Assert.Equal(expected, Patched(Taught(), $$$"""{"learning":{"{{{parameter}}}":null}}"""));
    }

    [Theory]
    [InlineData("""{"learning":null}""")]
    [InlineData("""{"learning":{"rule":null}}""")]
    [InlineData("""{"learning":{"rule":"none"}}""")]
    public void Apply_LearningOrRuleNull_NoLearning(string patch)
    {
        Assert.Equal(LearningConfig.None, Patched(Taught(), patch));
    }

    [Fact]
    public void Apply_WholeNumberWrittenAsFloat_AcceptedForTeachWindowMs()
    {
        Assert.Equal(2000, Patched(Taught(), """{"learning":{"teachWindowMs":2e3}}""").TeachWindowMs);
    }

    [Fact]
    public void Apply_LearningWithOtherFields_BothApplied()
    {
        var result = ConfigPatch.Apply(Taught(), """{"threshold":1.5,"learning":{"rate":0.05},"weights":{"a":0.7}}""");

        Assert.Equal(Taught() with
        {
            Threshold = 1.5,
            Weights = Weights.Of(("a", 0.7)),
            Learning = Taught().Learning with { Rate = 0.05 },
        }, result.Config);
    }
}
