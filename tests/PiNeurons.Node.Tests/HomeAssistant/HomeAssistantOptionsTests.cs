using PiNeurons.Node.HomeAssistant;
using PiNeurons.Node.Hosting;
using PiNeurons.Node.Tests.Support;

namespace PiNeurons.Node.Tests.HomeAssistant;

/// <summary><c>--home-assistant PREFIX</c>: discovery on for ad-hoc runs, validated at start.</summary>
public sealed class HomeAssistantOptionsTests
{
    [Fact]
    public void Create_HomeAssistantPrefix_DiscoveryOnUnderIt()
    {
        var plan = NodePlanner.Create(new NodeOptions { Neurons = "a", HomeAssistant = "homeassistant" }, "pi", null);

        Assert.Equal(new(Discovery: true, Prefix: "homeassistant"), plan.HomeAssistant);
    }

    [Fact]
    public void Create_NoSwitch_DiscoveryOff()
    {
        var plan = NodePlanner.Create(new NodeOptions { Neurons = "a" }, "pi", null);

        Assert.Null(plan.HomeAssistant);
        Assert.Empty(plan.DiscoverySensors);
    }

    [Fact]
    public void Create_RoomManifest_PolledSensorsWithTheirIntervalEdgeSensorWithout()
    {
        var plan = NodePlanner.Create(new NodeOptions { Manifest = TempManifest.Room, Node = "pi-room", Gpio = "simulated" }, "pi", null);

        Assert.Equal(
            [
                new DiscoverySensor("room", "°C", "temperature", TimeSpan.FromSeconds(2)),
                new DiscoverySensor("damp", "%", "humidity", TimeSpan.FromSeconds(10)),
                new DiscoverySensor("motion", string.Empty, null),
            ],
            plan.DiscoverySensors["warm"]);
    }

    [Theory]
    [InlineData("home/#")]
    [InlineData("ha/+")]
    [InlineData("")]
    public void Create_PrefixWithWildcardOrEmpty_FailsNamingTheOption(string prefix)
    {
        var ex = Assert.Throws<NodeConfigurationException>(
            () => NodePlanner.Create(new NodeOptions { Neurons = "a", HomeAssistant = prefix }, "pi", null));

        Assert.Contains("--home-assistant", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HomeAssistantSwitch_SetsTheOption()
    {
        var values = NodeCommandLine.Create().Values(["--neurons", "a", "--home-assistant", "homeassistant"]);

        Assert.Equal("homeassistant", values[$"{NodeOptions.Section}:{nameof(NodeOptions.HomeAssistant)}"]);
    }
}
