using PiNeurons.Core.Manifest;

namespace PiNeurons.Core.Tests.Manifest;

public class TeachButtonManifestTests
{
    private static string Only(string yaml) =>
        Assert.Single(Assert.Throws<ManifestException>(() => ClusterManifest.Parse(yaml, "test.yaml")).Problems);

    [Fact]
    public void Parse_TeachButtonOnAPerceptronNeuron_ReadLikeTheKickButton()
    {
        var manifest = ClusterManifest.Parse("""
            hosts:
              pi-z:
                neurons:
                  z:
                    learning: { rule: perceptron }
                    button: { pin: 27 }
                    teachButton: { pin: 22, pull: down, longPressMs: 1500 }
            """);

        var teach = manifest.FindNeuron("z")!.TeachButton;
        Assert.Equal(new ButtonEntry(22, PullMode.Down, 20) { LongPressMs = 1500 }, teach);
        Assert.Equal(27, manifest.FindNeuron("z")!.Button!.Pin);
    }

    [Fact]
    public void Parse_TeachButtonWithoutThePerceptronRule_RefusedSayingHowToFixIt()
    {
        var problem = Only("""
            hosts:
              pi-z:
                neurons:
                  z:
                    teachButton: { pin: 22 }
            """);

        Assert.EndsWith("hosts.pi-z.neurons.z.teachButton: only a neuron with learning rule perceptron can be taught; "
            + "add learning: { rule: perceptron } or remove the teach button", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TeachButtonOnTheKickButtonsPin_ThePinClashIsReported()
    {
        var problem = Only("""
            hosts:
              pi-z:
                neurons:
                  z:
                    learning: { rule: perceptron }
                    button: { pin: 27 }
                    teachButton: { pin: 27 }
            """);

        Assert.Contains("z.teachButton", problem, StringComparison.Ordinal);
        Assert.Contains("27", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TeachButtonWithAnUnknownField_NamesTheField()
    {
        var problem = Only("""
            hosts:
              pi-z:
                neurons:
                  z:
                    learning: { rule: perceptron }
                    teachButton: { pin: 22, colour: red }
            """);

        Assert.Contains("teachButton", problem, StringComparison.Ordinal);
        Assert.Contains("colour", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_XorLearnYaml_ZHasItsTeachButton()
    {
        var manifest = ClusterManifest.Parse(Helpers.RepoFiles.XorLearnYaml, "xor-learn.yaml");

        Assert.Equal(22, manifest.FindNeuron("z")!.TeachButton!.Pin);
        Assert.Equal(PiNeurons.Core.Learning.LearningRule.Perceptron, manifest.FindNeuron("z")!.Config.Learning.Rule);
    }
}
