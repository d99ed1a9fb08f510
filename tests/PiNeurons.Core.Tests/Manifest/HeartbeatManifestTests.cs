using PiNeurons.Core.Manifest;

namespace PiNeurons.Core.Tests.Manifest;

/// <summary><c>heartbeatSeconds:</c>, the cluster's heartbeat (docs/manifest.md, docs/protocol.md section 9).</summary>
public class HeartbeatManifestTests
{
    private const string Hosts = """
        hosts:
          pi-a:
            neurons:
              a:
        """;

    [Fact]
    public void Parse_NoHeartbeat_NoneSoTheNodeDecides()
    {
        Assert.Null(ClusterManifest.Parse(Hosts).HeartbeatSeconds);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("10", 10)]
    [InlineData("3600", 3600)]
    public void Parse_HeartbeatInRange_KeepsIt(string text, int seconds)
    {
        Assert.Equal(seconds, ClusterManifest.Parse($"heartbeatSeconds: {text}\n" + Hosts).HeartbeatSeconds);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("3601")]
    public void Parse_HeartbeatOutOfRange_RefusedWithTheRange(string text)
    {
        var ex = Assert.Throws<ManifestException>(() => ClusterManifest.Parse($"heartbeatSeconds: {text}\n" + Hosts, "test.yaml"));

        Assert.Equal(
            $"line 1: heartbeatSeconds: {text} is out of range: give a whole number of seconds from 1 to 3600 (default 30); "
            + "consumers treat a neuron silent for 3 of them as offline",
            Assert.Single(ex.Problems));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("off")]
    [InlineData("[30]")]
    public void Parse_HeartbeatNotAWholeNumber_Refused(string text)
    {
        var ex = Assert.Throws<ManifestException>(() => ClusterManifest.Parse($"heartbeatSeconds: {text}\n" + Hosts, "test.yaml"));

        Assert.Equal("line 1: heartbeatSeconds: expected a whole number", Assert.Single(ex.Problems));
    }
}
