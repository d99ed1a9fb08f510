using PiNeurons.Cli.Commands;
using PiNeurons.Core.Learning;
using PiNeurons.Core.Model;

namespace PiNeurons.Cli.Tests.Commands;

public class ApplyPatchBuilderTests
{
    [Fact]
    public void Build_WeightsTheManifestDrops_AreRemovedWithNull()
    {
        var wanted = new NeuronConfig
        {
            Threshold = 1.9,
            Weights = new Dictionary<string, double> { ["x"] = 1, ["y"] = 1 },
            Connections = ["z"],
        };
        var current = new NeuronConfig { Weights = new Dictionary<string, double> { ["x"] = 5, ["old"] = 2 } };

        var patch = ApplyPatchBuilder.Build(wanted, current).ToJsonString();

        Assert.Equal(
            """{"threshold":1.9,"weights":{"x":1,"y":1,"old":null},"connections":["z"],"refractoryMs":100,"inputLastingMs":500,"integrationWindowMs":0,"maxHops":64,"maxFiresPerSecond":1000}""",
            patch);
    }

    [Fact]
    public void Build_LearningDiffers_ThePatchCarriesTheWholeRule()
    {
        var wanted = new NeuronConfig { Learning = new LearningConfig { Rule = LearningRule.Perceptron, Rate = 0.25 } };

        var patch = ApplyPatchBuilder.Build(wanted, new NeuronConfig()).ToJsonString();

        Assert.EndsWith(""","learning":{"rule":"perceptron","rate":0.25,"teachWindowMs":5000,"maxWeight":10}}""", patch, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_LearningTheSame_NotInThePatchSoANodeOlderThanLearningTakesIt()
    {
        var patch = ApplyPatchBuilder.Build(new NeuronConfig(), new NeuronConfig()).ToJsonString();

        Assert.DoesNotContain("learning", patch, StringComparison.Ordinal);
    }
}
