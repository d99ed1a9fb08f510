using PiNeurons.Core.Manifest;

namespace PiNeurons.Core.Tests.Manifest;

/// <summary><c>operators:</c>, the MQTT user names pineurons secrets gives full access (docs/manifest.md).</summary>
public class OperatorsManifestTests
{
    private const string Hosts = """
        hosts:
          pi-a:
            neurons:
              a:
        """;

    [Fact]
    public void Parse_OperatorsListed_KeepsThemInOrder()
    {
        var manifest = ClusterManifest.Parse("operators: [alice, bob_2]\n" + Hosts);

        Assert.Equal(["alice", "bob_2"], manifest.Operators);
    }

    [Fact]
    public void Parse_NoOperators_Empty()
    {
        Assert.Empty(ClusterManifest.Parse(Hosts).Operators);
    }

    [Theory]
    [InlineData("operators: [al/ice]\n", "line 1: operators[0]: 'al/ice' is not a valid operator name (1 to 64 characters of A-Z a-z 0-9 _ -)")]
    [InlineData("operators: [alice, alice]\n", "line 1: operators[1]: 'alice' is listed twice")]
    [InlineData("operators: [a]\n", "line 1: operators: 'a' is also a neuron id; each MQTT user name must belong to one role")]
    [InlineData("operators: [aggregator]\n", "line 1: operators: 'aggregator' is also the aggregator's user name; each MQTT user name must belong to one role")]
    [InlineData("operators: []\n", "line 1: operators: expected a non-empty list of operator names")]
    [InlineData("operators: alice\n", "line 1: operators: expected a non-empty list of operator names")]
    public void Parse_BadOperators_Refused(string operators, string expected)
    {
        var ex = Assert.Throws<ManifestException>(() => ClusterManifest.Parse(operators + Hosts, "test.yaml"));

        Assert.Equal(expected, Assert.Single(ex.Problems));
    }
}
