using PiNeurons.Cli.Commands;

namespace PiNeurons.Cli.Tests.Commands;

public class SetPatchParserTests
{
    private static string Patch(params string[] args) => SetPatchParser.Parse(args).ToJsonString();

    [Fact]
    public void Parse_Numbers_AreJsonNumbers() =>
        Assert.Equal("""{"threshold":0.9,"refractoryMs":100}""", Patch("threshold=0.9", "refractoryMs=100"));

    [Fact]
    public void Parse_Weights_MergeIntoOneObjectAndNullRemoves() =>
        Assert.Equal("""{"weights":{"x":1,"y":-2,"old":null}}""", Patch("weights.x=1", "weights.y=-2", "weights.old=null"));

    [Fact]
    public void Parse_Connections_ReplaceWithList() =>
        Assert.Equal("""{"connections":["z","h1"]}""", Patch("connections=z, h1"));

    [Fact]
    public void Parse_EmptyConnections_ClearsThem() =>
        Assert.Equal("""{"connections":[]}""", Patch("connections="));

    [Fact]
    public void Parse_PlusAndAddConnections_AccumulateIntoAddConnections() =>
        Assert.Equal("""{"addConnections":["z","h3","h4"]}""", Patch("+connections=z", "addConnections=h3,h4"));

    [Fact]
    public void Parse_MinusAndRemoveConnections_AccumulateIntoRemoveConnections() =>
        Assert.Equal("""{"removeConnections":["h1","h2"]}""", Patch("-connections=h1", "removeConnections=h2"));

    [Fact]
    public void Parse_Learning_MergesIntoOneObjectWithRuleAsWordAndNullResets() =>
        Assert.Equal(
            """{"learning":{"rule":"perceptron","rate":0.2,"maxWeight":null}}""",
            Patch("learning.rule=perceptron", "learning.rate=0.2", "learning.maxWeight=null"));

    [Fact]
    public void Parse_UnknownKey_IsSentAsIs()
    {
        Assert.Equal("""{"colour":"red","speed":3,"loud":true}""", Patch("colour=red", "speed=3", "loud=true"));
    }

    [Theory]
    [InlineData("threshold")]
    [InlineData("=1")]
    [InlineData("threshold=abc")]
    [InlineData("threshold=NaN")]
    [InlineData("weights.x=heavy")]
    [InlineData("weights.=1")]
    [InlineData("connections=z,bad/id")]
    [InlineData("+threshold=1")]
    [InlineData("learning.rate=fast")]
    public void Parse_BadArgument_IsAUsageError(string arg)
    {
        var ex = Assert.Throws<CliUsageException>(() => SetPatchParser.Parse([arg]));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Parse_Nothing_IsAUsageError() =>
        Assert.Throws<CliUsageException>(() => SetPatchParser.Parse([]));

    [Fact]
    public void ParseJson_Object_IsKept() =>
        Assert.Equal("""{"threshold":2}""", SetPatchParser.ParseJson("""{"threshold":2}""").ToJsonString());

    [Theory]
    [InlineData("[1]")]
    [InlineData("{oops")]
    public void ParseJson_NotAnObject_IsAUsageError(string json) =>
        Assert.Throws<CliUsageException>(() => SetPatchParser.ParseJson(json));
}
