using PiNeurons.Core.Learning;
using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;

namespace PiNeurons.Core.Tests.Model;

public class NeuronConfigTests
{
    [Fact]
    public void Default_Values_AreThoseOfTheProtocol()
    {
        var d = NeuronConfig.Default;

        Assert.Equal(1.0, d.Threshold);
        Assert.Empty(d.Connections);
        Assert.Equal(100, d.RefractoryMs);
        Assert.Equal(500, d.InputLastingMs);
        Assert.Equal(0, d.IntegrationWindowMs);
        Assert.Equal(64, d.MaxHops);
        Assert.Equal(1000, d.MaxFiresPerSecond);
    }

    [Fact]
    public void Default_Weights_IsEmpty()
    {
        Assert.Empty(NeuronConfig.Default.Weights);
    }

    [Fact]
    public void Kick_NeuronWithDefaultConfig_ExternalKickFires()
    {
        var time = TestClock.Create();
        var neuron = new Neuron("x", NeuronConfig.Default);
        var sink = new RecordingSink();

        neuron.Kick(KickSources.External, 0, time.GetUtcNow(), sink);

        Assert.Equal([NeuronEventType.Kicked, NeuronEventType.Fired], sink.Types);
    }

    [Fact]
    public void Equals_SameFieldsInSeparateCollections_AreEqualWithEqualHashCodes()
    {
        var a = new NeuronConfig { Threshold = 1.9, Weights = Weights.Of(("x", 1), ("y", 1)), Connections = ["z"] };
        var b = new NeuronConfig { Threshold = 1.9, Weights = Weights.Of(("y", 1), ("x", 1)), Connections = new List<string> { "z" } };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equals_DifferentWeightValue_NotEqual()
    {
        var a = new NeuronConfig { Weights = Weights.Of(("x", 1)) };
        var b = new NeuronConfig { Weights = Weights.Of(("x", 2)) };

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Equals_DifferentWeightKey_NotEqual()
    {
        Assert.NotEqual(new NeuronConfig { Weights = Weights.Of(("x", 1)) }, new NeuronConfig { Weights = Weights.Of(("y", 1)) });
    }

    [Fact]
    public void Equals_ConnectionsInAnotherOrder_NotEqual()
    {
        Assert.NotEqual(new NeuronConfig { Connections = ["h1", "h2"] }, new NeuronConfig { Connections = ["h2", "h1"] });
    }

    [Fact]
    public void Equals_AnyScalarFieldDiffers_NotEqual()
    {
        var d = NeuronConfig.Default;

        Assert.NotEqual(d, d with { Threshold = 2 });
        Assert.NotEqual(d, d with { RefractoryMs = 1 });
        Assert.NotEqual(d, d with { InputLastingMs = 1 });
        Assert.NotEqual(d, d with { IntegrationWindowMs = 1 });
        Assert.NotEqual(d, d with { MaxHops = 1 });
        Assert.NotEqual(d, d with { MaxFiresPerSecond = 1 });
    }

    [Fact]
    public void Equals_LearningDiffers_ConfigsNotEqual()
    {
        var perceptron = NeuronConfig.Default with { Learning = new LearningConfig { Rule = LearningRule.Perceptron } };

        Assert.NotEqual(NeuronConfig.Default, perceptron);
        Assert.NotEqual(perceptron, perceptron with { Learning = perceptron.Learning with { Rate = 0.2 } });
        Assert.NotEqual(perceptron, NeuronConfig.Default with { Learning = new LearningConfig { Rule = LearningRule.Stdp } });
        Assert.Equal(perceptron, NeuronConfig.Default with { Learning = new LearningConfig { Rule = LearningRule.Perceptron } });
    }

    [Theory]
    [InlineData("x", 0.0)]
    [InlineData("external", 1.0)]
    [InlineData("button", 1.0)]
    [InlineData("sensor:t", 1.0)]
    [InlineData("h1", 0.5)]
    public void WeightOf_Source_FollowsTheProtocolsDefaults(string source, double expected)
    {
        var config = new NeuronConfig { Weights = Weights.Of(("h1", 0.5)) };

        Assert.Equal(expected, config.WeightOf(source));
    }
}
