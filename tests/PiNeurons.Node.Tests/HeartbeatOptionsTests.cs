using PiNeurons.CommandLine;
using PiNeurons.Node.Hosting;

namespace PiNeurons.Node.Tests;

/// <summary><c>--heartbeat SECONDS</c>: how often each neuron republishes its status and state, validated at start.</summary>
public sealed class HeartbeatOptionsTests
{
    [Fact]
    public void Create_NoHeartbeatGiven_ThirtySeconds()
    {
        var plan = NodePlanner.Create(new NodeOptions { Neurons = "a" }, "pi", null);

        Assert.Equal(TimeSpan.FromSeconds(30), plan.Heartbeat);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData(" 45 ", 45)]
    [InlineData("3600", 3600)]
    public void Create_HeartbeatInRange_ThatManySeconds(string text, int seconds)
    {
        var plan = NodePlanner.Create(new NodeOptions { Neurons = "a", Heartbeat = text }, "pi", null);

        Assert.Equal(TimeSpan.FromSeconds(seconds), plan.Heartbeat);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("off")]
    [InlineData("3601")]
    [InlineData("")]
    public void Create_HeartbeatZeroNegativeOrNotWholeSeconds_FailsNamingTheOptionAndTheRange(string text)
    {
        var ex = Assert.Throws<NodeConfigurationException>(
            () => NodePlanner.Create(new NodeOptions { Neurons = "a", Heartbeat = text }, "pi", null));

        Assert.StartsWith($"--heartbeat: '{text}' is not a heartbeat interval: give a whole number of seconds from 1 to 3600", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ManifestHeartbeat_UsedUnlessTheSwitchGivesOne()
    {
        var folder = Directory.CreateTempSubdirectory("pineurons-heartbeat-");
        try
        {
            var manifest = Path.Combine(folder.FullName, "cluster.yaml");
            File.WriteAllText(manifest, "heartbeatSeconds: 10\nhosts:\n  pi:\n    neurons:\n      a: {}\n");

            var fromManifest = NodePlanner.Create(new NodeOptions { Manifest = manifest }, "pi", null);
            var fromSwitch = NodePlanner.Create(new NodeOptions { Manifest = manifest, Heartbeat = "5" }, "pi", null);

            Assert.Equal(TimeSpan.FromSeconds(10), fromManifest.Heartbeat);
            Assert.Equal(TimeSpan.FromSeconds(5), fromSwitch.Heartbeat);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void ReadOptions_HeartbeatSwitchAndItsVariable_TheSwitchWins()
    {
        Assert.Contains(("PINEURONS_HEARTBEAT", $"{NodeOptions.Section}:{nameof(NodeOptions.Heartbeat)}"),
            NodeCommandLine.Options.Select(o => (EnvironmentVariables.Of(o.Name), o.ConfigurationKey)));
        var before = Environment.GetEnvironmentVariable("PINEURONS_HEARTBEAT");
        Environment.SetEnvironmentVariable("PINEURONS_HEARTBEAT", "12");
        try
        {
            Assert.Equal("12", NodeHost.ReadOptions(NodeCommandLine.Create().Values(["--neurons", "a"])).Heartbeat);
            Assert.Equal("5", NodeHost.ReadOptions(NodeCommandLine.Create().Values(["--neurons", "a", "--heartbeat", "5"])).Heartbeat);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PINEURONS_HEARTBEAT", before);
        }
    }
}
