using PiNeurons.Core.Manifest;

namespace PiNeurons.Core.Tests.Manifest;

/// <summary><c>broker:</c>, one address or the nodes of a clustered broker (docs/manifest.md).</summary>
public class BrokerManifestTests
{
    private const string Hosts = """
        hosts:
          pi-a:
            neurons:
              a:
        """;

    [Fact]
    public void Parse_OneBroker_KeepsIt()
    {
        Assert.Equal("mqtts://a:8883", ClusterManifest.Parse("broker: mqtts://a:8883\n" + Hosts).Broker);
    }

    [Fact]
    public void Parse_BrokerList_KeepsTheOrderInTheFormBrokerTakes()
    {
        var manifest = ClusterManifest.Parse("broker:\n  - mqtts://b:8883\n  - mqtts://a:8883\n" + Hosts);

        Assert.Equal("mqtts://b:8883,mqtts://a:8883", manifest.Broker);
    }

    [Theory]
    [InlineData("broker: []\n")]
    [InlineData("broker: [mqtts://a:8883, '']\n")]
    [InlineData("broker: [mqtts://a:8883, {host: b}]\n")]
    [InlineData("broker: ['mqtts://a:8883,mqtts://b:8883']\n")]
    public void Parse_BadBrokerList_Refused(string broker)
    {
        var ex = Assert.Throws<ManifestException>(() => ClusterManifest.Parse(broker + Hosts, "test.yaml"));

        Assert.Equal(
            "line 1: broker: expected a broker address or a non-empty list of them (mqtts://host:port), one per item",
            Assert.Single(ex.Problems));
    }
}
