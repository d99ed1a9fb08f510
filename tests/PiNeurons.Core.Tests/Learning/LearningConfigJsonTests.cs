using System.Text.Json;
using PiNeurons.Core.Learning;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;
using PiNeurons.Core.Tests.Helpers;

namespace PiNeurons.Core.Tests.Learning;

public class LearningConfigJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 18, 0, 0, 123, TimeSpan.Zero);

    public static TheoryData<LearningConfig> Configs => new()
    {
        LearningConfig.None,
        new LearningConfig { Rule = LearningRule.Perceptron },
        new LearningConfig { Rule = LearningRule.Perceptron, Rate = 0.25, TeachWindowMs = 750, MaxWeight = 2.5 },
        new LearningConfig { Rule = LearningRule.Stdp },
        new LearningConfig { Rule = LearningRule.Stdp, APlus = 0.01, AMinus = 0, TauPlusMs = 12.5, TauMinusMs = 40, MaxWeight = 3 },
    };

    private static string Learning(LearningConfig learning)
    {
        var json = JsonSerializer.Serialize(new NeuronConfig { Learning = learning }, ProtocolJsonContext.Default.NeuronConfig);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("learning").GetRawText();
    }

    [Fact]
    public void Serialize_NoLearning_OnlyTheRule()
    {
        Assert.Equal("""{"rule":"none"}""", Learning(LearningConfig.None));
    }

    [Fact]
    public void Serialize_Perceptron_OnlyItsOwnParameters()
    {
        Assert.Equal("""{"rule":"perceptron","rate":0.1,"teachWindowMs":5000,"maxWeight":10}""",
            Learning(new LearningConfig { Rule = LearningRule.Perceptron }));
    }

    [Fact]
    public void Serialize_Stdp_OnlyItsOwnParameters()
    {
        Assert.Equal("""{"rule":"stdp","aPlus":0.05,"aMinus":0.05,"tauPlusMs":20,"tauMinusMs":20,"maxWeight":10}""",
            Learning(new LearningConfig { Rule = LearningRule.Stdp }));
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void RoundTrip_NeuronConfig_ReadsBackEqual(LearningConfig learning)
    {
        var config = new NeuronConfig { Threshold = 0.9, Weights = Weights.Of(("a", 0.5)), Learning = learning };

        var json = JsonSerializer.Serialize(config, ProtocolJsonContext.Default.NeuronConfig);

        Assert.Equal(config, JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.NeuronConfig));
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void RoundTrip_StateMessage_ReadsBackTheSameConfig(LearningConfig learning)
    {
        var state = new StateMessage
        {
            Id = "z", Output = 0, Potential = 0.5, FiredCount = 2, LastFiredAt = At,
            Config = new NeuronConfig { Weights = Weights.Of(("h1", 1)), Learning = learning },
        };

        var json = JsonSerializer.Serialize(state, ProtocolJsonContext.Wire.StateMessage);

        Assert.Equal(state.Config, JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.StateMessage)!.Config);
    }

    [Theory]
    [InlineData("""{"threshold":2}""")]
    [InlineData("""{"threshold":2,"learning":null}""")]
    public void Deserialize_ConfigWithoutLearning_NoLearning(string json)
    {
        // A state from a node older than the learning field has none.
        var config = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.NeuronConfig)!;

        Assert.Equal(LearningConfig.None, config.Learning);
        Assert.NotEqual(NeuronConfig.Default with { Learning = new LearningConfig { Rule = LearningRule.Stdp } }, config);
    }

    [Theory]
    [InlineData("""{"rule":"stdp","rate":0.1}""", "learning.rate: not a parameter of rule stdp")]
    [InlineData("""{"rate":0.1}""", "learning.rate: not a parameter of rule none")]
    [InlineData("""{"rule":"hebb"}""", "learning.rule: expected")]
    [InlineData("""[]""", "learning: expected an object")]
    public void Deserialize_LearningASetWouldRefuse_JsonExceptionNamingTheField(string learning, string expected)
    {
        var ex = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize($$"""{"threshold":2,"learning":{{learning}}}""", ProtocolJsonContext.Default.NeuronConfig));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_LearnedEvents_CarryRuleFieldOldAndNew()
    {
        var weight = new WeightChange(LearningRule.Perceptron, "h1", 0.5, 0.6, "teach: target 1, output 0");
        var threshold = new WeightChange(LearningRule.Stdp, null, 1, 0.9, "stdp");

        var json = new[] { weight, threshold }.Select((c, i) => JsonSerializer.Serialize(
            EventMessage.Create("z", i + 1, new NeuronEvent(NeuronEventType.Learned, c.Input, At, Reason: c.Cause, Change: c)),
            ProtocolJsonContext.Default.EventMessage));

        Assert.Equal(
        [
            """{"id":"z","seq":1,"type":"learned","from":"h1","at":"2026-11-27T18:00:00.123Z","reason":"teach: target 1, output 0","rule":"perceptron","field":"weight","old":0.5,"new":0.6}""",
            """{"id":"z","seq":2,"type":"learned","at":"2026-11-27T18:00:00.123Z","reason":"stdp","rule":"stdp","field":"threshold","old":1,"new":0.9}""",
        ], json);
    }

    [Fact]
    public void Serialize_OtherEvents_NoLearningFields()
    {
        var json = JsonSerializer.Serialize(EventMessage.Create("z", 1, new NeuronEvent(NeuronEventType.Fired, "h1", At)), ProtocolJsonContext.Default.EventMessage);

        Assert.DoesNotContain("\"rule\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"old\"", json, StringComparison.Ordinal);
    }
}
