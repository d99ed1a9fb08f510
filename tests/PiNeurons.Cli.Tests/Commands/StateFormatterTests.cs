using PiNeurons.Cli.Commands;
using PiNeurons.Core.Learning;
using PiNeurons.Core.Model;

namespace PiNeurons.Cli.Tests.Commands;

public class StateFormatterTests
{
    [Fact]
    public void FormatConfig_Perceptron_ShowsRuleAndItsParametersAsSetTakesThem() =>
        Assert.Contains(
            "learning             perceptron  rate=0.25 teachWindowMs=5000 maxWeight=10",
            StateFormatter.FormatConfig(NeuronConfig.Default with { Learning = new LearningConfig { Rule = LearningRule.Perceptron, Rate = 0.25 } }));

    [Fact]
    public void FormatConfig_Stdp_ShowsOnlyItsOwnParameters() =>
        Assert.Contains(
            "learning             stdp  aPlus=0.05 aMinus=0.05 tauPlusMs=20 tauMinusMs=20 maxWeight=10",
            StateFormatter.FormatConfig(NeuronConfig.Default with { Learning = new LearningConfig { Rule = LearningRule.Stdp } }));

    [Fact]
    public void FormatConfig_NoLearning_SaysNone() =>
        Assert.Equal("learning             none", StateFormatter.FormatConfig(NeuronConfig.Default).Last());
}
