using PiNeurons.Cli.Commands;
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
        var current = new Dictionary<string, double> { ["x"] = 5, ["old"] = 2 };

        var patch = ApplyPatchBuilder.Build(wanted, current).ToJsonString();

        Assert.Equal(
            """{"threshold":1.9,"weights":{"x":1,"y":1,"old":null},"connections":["z"],"refractoryMs":100,"inputLastingMs":500,"integrationWindowMs":0,"maxHops":64,"maxFiresPerSecond":1000}""",
            patch);
    }
}
