using PiNeurons.Core.Configuration;
using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;

namespace PiNeurons.Core.Tests.Configuration;

public class ConfigPatchMergeTests
{
    /// <summary>h2 of the XOR network, every field away from its default.</summary>
    private static NeuronConfig H2() => new()
    {
        Threshold = 1.9,
        Weights = Weights.Of(("x", 1), ("y", 1)),
        Connections = ["z"],
        RefractoryMs = 50,
        InputLastingMs = 1000,
        IntegrationWindowMs = 150,
        MaxHops = 10,
        MaxFiresPerSecond = 5,
    };

    private static NeuronConfig Patched(string patch)
    {
        var result = ConfigPatch.Apply(H2(), patch);
        Assert.True(result.IsSuccess, result.Error);
        Assert.Null(result.Error);
        return result.Config!;
    }

    [Fact]
    public void Apply_Threshold_ReplacesOnlyIt()
    {
        Assert.Equal(H2() with { Threshold = 2.5 }, Patched("""{"threshold":2.5}"""));
    }

    [Fact]
    public void Apply_EmptyObject_LeavesConfigEqual()
    {
        Assert.Equal(H2(), Patched("{}"));
    }

    [Fact]
    public void Apply_OneWeight_AddsItKeepingTheOthers()
    {
        var config = Patched("""{"weights":{"h3":-0.5}}""");

        Assert.Equal(Weights.Of(("x", 1), ("y", 1), ("h3", -0.5)), config.Weights);
    }

    [Fact]
    public void Apply_ExistingWeight_ReplacesItsValue()
    {
        Assert.Equal(Weights.Of(("x", 3), ("y", 1)), Patched("""{"weights":{"x":3}}""").Weights);
    }

    [Fact]
    public void Apply_WeightNull_RemovesThatWeight()
    {
        Assert.Equal(Weights.Of(("y", 1)), Patched("""{"weights":{"x":null}}""").Weights);
    }

    [Fact]
    public void Apply_Connections_ReplacesTheList()
    {
        Assert.Equal(["h1", "h3"], Patched("""{"connections":["h1","h3"]}""").Connections);
    }

    [Fact]
    public void Apply_AddConnections_AddsOneWithoutResending()
    {
        Assert.Equal(["z", "h3"], Patched("""{"addConnections":["h3"]}""").Connections);
    }

    [Fact]
    public void Apply_AddConnectionsAlreadyPresent_KeepsOneCopy()
    {
        Assert.Equal(["z"], Patched("""{"addConnections":["z"]}""").Connections);
    }

    [Fact]
    public void Apply_RemoveConnections_RemovesOneWithoutResending()
    {
        var start = H2() with { Connections = ["z", "h1", "h3"] };

        var result = ConfigPatch.Apply(start, """{"removeConnections":["h1"]}""");

        Assert.Equal(["z", "h3"], result.Config!.Connections);
    }

    [Fact]
    public void Apply_ConnectionsAndAddConnections_VerbAppliesAfterTheReplacement()
    {
        Assert.Equal(["a", "b"], Patched("""{"addConnections":["b"],"connections":["a"]}""").Connections);
    }

    [Theory]
    [InlineData("threshold")]
    [InlineData("refractoryMs")]
    [InlineData("inputLastingMs")]
    [InlineData("integrationWindowMs")]
    [InlineData("maxHops")]
    [InlineData("maxFiresPerSecond")]
    public void Apply_TopLevelNull_ResetsTheFieldToItsDefault(string field)
    {
        var config = Patched($$"""{"{{field}}":null}""");

        var expected = field switch
        {
            "threshold" => H2() with { Threshold = 1.0 },
            "refractoryMs" => H2() with { RefractoryMs = 100 },
            "inputLastingMs" => H2() with { InputLastingMs = 500 },
            "integrationWindowMs" => H2() with { IntegrationWindowMs = 0 },
            "maxHops" => H2() with { MaxHops = 64 },
            _ => H2() with { MaxFiresPerSecond = 1000 },
        };
        Assert.Equal(expected, config);
    }

    [Fact]
    public void Apply_WeightsNull_ClearsEveryWeight()
    {
        Assert.Empty(Patched("""{"weights":null}""").Weights);
    }

    [Fact]
    public void Apply_ConnectionsNull_ClearsEveryConnection()
    {
        Assert.Empty(Patched("""{"connections":null}""").Connections);
    }

    [Fact]
    public void Apply_Success_ReturnsANewConfigAndLeavesTheOriginalUnchanged()
    {
        var original = H2();

        var result = ConfigPatch.Apply(original, """{"threshold":3,"weights":{"x":null,"q":2},"addConnections":["h1"]}""");

        Assert.NotSame(original, result.Config);
        Assert.Equal(H2(), original);
        Assert.Equal(Weights.Of(("y", 1), ("q", 2)), result.Config!.Weights);
    }

    [Fact]
    public void Apply_Utf8Bytes_SameAsText()
    {
        var result = ConfigPatch.Apply(H2(), """{"maxHops":3}"""u8.ToArray());

        Assert.Equal(H2() with { MaxHops = 3 }, result.Config);
    }

    [Fact]
    public void Apply_OnNeuronConfigDefault_AddsTheWeight()
    {
        var result = ConfigPatch.Apply(NeuronConfig.Default, """{"weights":{"x":1}}""");

        Assert.Equal(Weights.Of(("x", 1)), result.Config!.Weights);
    }
}
