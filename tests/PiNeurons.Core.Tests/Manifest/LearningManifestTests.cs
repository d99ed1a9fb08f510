using PiNeurons.Core.Learning;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Tests.Helpers;

namespace PiNeurons.Core.Tests.Manifest;

public class LearningManifestTests
{
    private static readonly LearningConfig Perceptron = new() { Rule = LearningRule.Perceptron };

    private static string Only(string yaml) =>
        Assert.Single(Assert.Throws<ManifestException>(() => ClusterManifest.Parse(yaml, "test.yaml")).Problems);

    [Fact]
    public void Parse_LearningUnderDefaults_EveryNeuronLearnsSoUnlessItSaysOtherwise()
    {
        var manifest = ClusterManifest.Parse("""
            defaults:
              learning: { rule: perceptron, rate: 0.2 }
            hosts:
              pi-a:
                neurons:
                  a:
                  b:
                    learning: { teachWindowMs: 1000 }
                  c:
                    learning: { rule: stdp, aPlus: 0.1 }
                  d:
                    learning: null
            """);

        Assert.Equal(Perceptron with { Rate = 0.2 }, manifest.FindNeuron("a")!.Config.Learning);
        Assert.Equal(Perceptron with { Rate = 0.2, TeachWindowMs = 1000 }, manifest.FindNeuron("b")!.Config.Learning);
        Assert.Equal(new LearningConfig { Rule = LearningRule.Stdp, APlus = 0.1 }, manifest.FindNeuron("c")!.Config.Learning);
        Assert.Equal(LearningConfig.None, manifest.FindNeuron("d")!.Config.Learning);
    }

    [Fact]
    public void Parse_LearningPerNeuron_OnlyThatNeuronLearns()
    {
        var manifest = ClusterManifest.Parse("""
            hosts:
              pi-a:
                neurons:
                  a:
                    learning:
                      rule: perceptron
                      rate: 0.2
                  b:
                    threshold: 2
            """);

        Assert.Equal(Perceptron with { Rate = 0.2 }, manifest.FindNeuron("a")!.Config.Learning);
        Assert.Equal(LearningConfig.None, manifest.FindNeuron("b")!.Config.Learning);
    }

    [Fact]
    public void Parse_XorYaml_NoNeuronLearns()
    {
        var manifest = ClusterManifest.Parse(RepoFiles.XorYaml, "xor.yaml");

        Assert.All(manifest.Neurons, n => Assert.Equal(LearningConfig.None, n.Config.Learning));
    }

    [Fact]
    public void Parse_ForeignParameterOnANeuron_ReportsLinePathAndParameter()
    {
        var problem = Only("""
            hosts:
              pi-a:
                neurons:
                  a:
                    learning: { rule: perceptron, aPlus: 0.1 }
            """);

        Assert.Equal("line 5: hosts.pi-a.neurons.a: learning.aPlus: not a parameter of rule perceptron (its parameters: rate, teachWindowMs, maxWeight)", problem);
    }

    [Fact]
    public void Parse_BadLearningUnderDefaults_ReportsLineAndDefaults()
    {
        var problem = Only("""
            defaults:
              learning: { rule: perceptron, rate: 0 }
            hosts:
              pi-a:
                neurons:
                  a:
            """);

        Assert.Equal("line 2: defaults: learning.rate: must be a number above 0 and at most 1000, got 0", problem);
    }

    [Theory]
    [InlineData("learning: { rule: hebb }", """learning.rule: expected "none", "perceptron" or "stdp", got "hebb" """)]
    [InlineData("learning: perceptron", "learning: expected an object such as {\"rule\":\"perceptron\"}, got a string")]
    [InlineData("learning: { rule: perceptron, speed: 2 }", "learning.speed: unknown field (allowed: rule, rate, ")]
    [InlineData("learning: { rule: perceptron, teachWindowMs: 1.5 }", "learning.teachWindowMs: expected a whole number, got 1.5")]
    public void Parse_BadLearning_ReportsTheNeuronAndField(string field, string expected)
    {
        var problem = Only($"""
            hosts:
              pi-a:
                neurons:
                  a:
                    {field}
            """);

        Assert.StartsWith("line 5: hosts.pi-a.neurons.a: " + expected.TrimEnd(), problem, StringComparison.Ordinal);
    }
}
