using PiNeurons.Core.Configuration;
using PiNeurons.Core.Learning;
using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;

namespace PiNeurons.Core.Tests.Configuration;

public class LearningPatchErrorTests
{
    private static NeuronConfig Taught() => new()
    {
        Weights = Weights.Of(("a", 0.5)),
        Learning = new LearningConfig { Rule = LearningRule.Perceptron, Rate = 0.2 },
    };

    private static string Refused(string patch, NeuronConfig? start = null)
    {
        var result = ConfigPatch.Apply(start ?? Taught(), patch);
        Assert.False(result.IsSuccess);
        Assert.Null(result.Config);
        return result.Error!;
    }

    [Theory]
    [InlineData("""{"learning":{"rule":"stdp","rate":0.2}}""",
        "learning.rate: not a parameter of rule stdp (its parameters: aPlus, aMinus, tauPlusMs, tauMinusMs, maxWeight)")]
    [InlineData("""{"learning":{"aPlus":0.1}}""",
        "learning.aPlus: not a parameter of rule perceptron (its parameters: rate, teachWindowMs, maxWeight)")]
    [InlineData("""{"learning":{"rule":"none","maxWeight":1}}""",
        "learning.maxWeight: not a parameter of rule none (it has no parameters)")]
    [InlineData("""{"learning":{"rule":null,"rate":0.1}}""",
        "learning.rate: not a parameter of rule none (it has no parameters)")]
    public void Apply_ParameterOfAnotherRule_RefusedNamingIt(string patch, string expected)
    {
        Assert.Equal(expected, Refused(patch));
    }

    [Fact]
    public void Apply_ParameterOnANeuronWithoutLearning_RefusedNamingIt()
    {
        Assert.Equal("learning.rate: not a parameter of rule none (it has no parameters)",
            Refused("""{"learning":{"rate":0.2}}""", NeuronConfig.Default));
    }

    [Theory]
    [InlineData("""{"learning":{"speed":1}}""", "learning.speed: unknown field (allowed: rule, rate, teachWindowMs, aPlus, aMinus, tauPlusMs, tauMinusMs, maxWeight)")]
    [InlineData("""{"learning":{"Rate":1}}""", "learning.Rate: unknown field (allowed: ")]
    [InlineData("""{"learning":"perceptron"}""", """learning: expected an object such as {"rule":"perceptron"}, got a string""")]
    [InlineData("""{"learning":[]}""", "learning: expected an object such as {\"rule\":\"perceptron\"}, got an array")]
    [InlineData("""{"learning":{"rule":"hebb"}}""", """learning.rule: expected "none", "perceptron" or "stdp", got "hebb" """)]
    [InlineData("""{"learning":{"rule":"Perceptron"}}""", """learning.rule: expected "none", "perceptron" or "stdp", got "Perceptron" """)]
    [InlineData("""{"learning":{"rule":1}}""", """learning.rule: expected "none", "perceptron" or "stdp", got a number""")]
    [InlineData("""{"learning":{"rate":"0.2"}}""", "learning.rate: expected a number, got a string")]
    [InlineData("""{"learning":{"rate":true}}""", "learning.rate: expected a number, got a boolean")]
    [InlineData("""{"learning":{"rate":1e400}}""", "learning.rate: 1e400 is not a finite number")]
    [InlineData("""{"learning":{"teachWindowMs":1.5}}""", "learning.teachWindowMs: expected a whole number, got 1.5")]
    [InlineData("""{"learning":{"teachWindowMs":"1000"}}""", "learning.teachWindowMs: expected a whole number, got a string")]
    [InlineData("""{"learning":{"rate":0.1,"rate":0.2}}""", "learning.rate: given twice")]
    [InlineData("""{"learning":{"rule":"stdp","rule":"stdp"}}""", "learning.rule: given twice")]
    [InlineData("""{"learning":{},"learning":{}}""", "learning: given twice")]
    public void Apply_BadLearningField_ErrorNamesTheField(string patch, string expected)
    {
        Assert.StartsWith(expected.TrimEnd(), Refused(patch), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"learning":{"rate":0}}""", "learning.rate: must be a number above 0 and at most 1000, got 0")]
    [InlineData("""{"learning":{"rate":1001}}""", "learning.rate: must be a number above 0 and at most 1000, got 1001")]
    [InlineData("""{"learning":{"teachWindowMs":0}}""", "learning.teachWindowMs: must be an integer from 1 to 3600000, got 0")]
    [InlineData("""{"learning":{"teachWindowMs":3600001}}""", "learning.teachWindowMs: must be an integer from 1 to 3600000, got 3600001")]
    [InlineData("""{"learning":{"maxWeight":-1}}""", "learning.maxWeight: must be a number above 0 and at most 1000000000, got -1")]
    [InlineData("""{"learning":{"rule":"stdp","aPlus":-0.1}}""", "learning.aPlus: must be a number from 0 to 1000, got -0.1")]
    [InlineData("""{"learning":{"rule":"stdp","aMinus":1001}}""", "learning.aMinus: must be a number from 0 to 1000, got 1001")]
    [InlineData("""{"learning":{"rule":"stdp","tauPlusMs":0}}""", "learning.tauPlusMs: must be a number above 0 and at most 3600000, got 0")]
    [InlineData("""{"learning":{"rule":"stdp","tauMinusMs":-5}}""", "learning.tauMinusMs: must be a number above 0 and at most 3600000, got -5")]
    public void Apply_ParameterOutOfRange_RefusedByTheValidator(string patch, string expected)
    {
        Assert.Equal(expected, Refused(patch));
    }

    [Fact]
    public void Apply_StdpZeroAmplitudes_Accepted()
    {
        var result = ConfigPatch.Apply(Taught(), """{"learning":{"rule":"stdp","aPlus":0,"aMinus":0}}""");

        Assert.True(result.IsSuccess, result.Error);
    }

    [Theory]
    [InlineData("""{"threshold":3,"learning":{"rule":"stdp","rate":0.2}}""")]
    [InlineData("""{"learning":{"rate":0.5,"speed":1}}""")]
    [InlineData("""{"learning":{"rate":0}}""")]
    public void Apply_FailedLearningPatch_ChangesNothing(string patch)
    {
        var original = Taught();
        var learning = original.Learning;

        Refused(patch, original);

        Assert.Equal(Taught(), original);
        Assert.Same(learning, original.Learning);
    }

    [Fact]
    public void Validate_SeveralLearningProblems_ReportsEveryOne()
    {
        var config = Taught() with
        {
            Learning = new LearningConfig { Rule = LearningRule.Stdp, APlus = -1, TauPlusMs = 0, TauMinusMs = double.NaN, MaxWeight = 2e9 },
        };

        Assert.Equal(
        [
            "learning.aPlus: must be a number from 0 to 1000, got -1",
            "learning.tauPlusMs: must be a number above 0 and at most 3600000, got 0",
            "learning.tauMinusMs: must be a number above 0 and at most 3600000, got NaN",
            "learning.maxWeight: must be a number above 0 and at most 1000000000, got 2000000000",
        ], ConfigValidator.Validate(config));
    }

    [Fact]
    public void Validate_NoLearning_ParametersNotChecked()
    {
        Assert.Empty(ConfigValidator.Validate(NeuronConfig.Default with { Learning = LearningConfig.None with { Rate = -1 } }));
    }
}
