using PiNeurons.Core.Manifest;
using PiNeurons.Core.Tests.Helpers;

namespace PiNeurons.Core.Tests.Manifest;

public class XorManifestTests
{
    private static ClusterManifest Xor() => ClusterManifest.Parse(RepoFiles.XorYaml, "xor.yaml");

    [Fact]
    public void Parse_XorYaml_SixHostsSixNeuronsUnderTheDefaultRoot()
    {
        var manifest = Xor();

        Assert.Equal(1, manifest.Version);
        Assert.Equal("pineurons", manifest.Root);
        Assert.Equal("mqtts://pi-broker.local:8883", manifest.Broker);
        Assert.Equal(["pi-x", "pi-y", "pi-h1", "pi-h2", "pi-h3", "pi-z"], manifest.Hosts.Select(h => h.Name));
        Assert.Equal(["x", "y", "h1", "h2", "h3", "z"], manifest.Neurons.Select(n => n.Id));
        Assert.All(manifest.Neurons, n => Assert.Equal("pi-" + n.Id, n.Host));
    }

    [Fact]
    public void Parse_XorYaml_TopologyAndThresholdsOfTheMission()
    {
        var manifest = Xor();

        Assert.Equal(1.9, manifest.FindNeuron("h2")!.Config.Threshold);
        Assert.Equal(0.9, manifest.FindNeuron("z")!.Config.Threshold);
        Assert.Equal(Weights.Of(("h1", 1), ("h2", -2), ("h3", 1)), manifest.FindNeuron("z")!.Config.Weights);
        Assert.Equal(Weights.Of(("x", 1), ("y", 1)), manifest.FindNeuron("h2")!.Config.Weights);
        Assert.Equal(["h1", "h2"], manifest.FindNeuron("x")!.Config.Connections);
        Assert.Equal(["h2", "h3"], manifest.FindNeuron("y")!.Config.Connections);
        Assert.Empty(manifest.FindNeuron("z")!.Config.Connections);
    }

    [Fact]
    public void Parse_XorYaml_DefaultsAppliedAndOverriddenPerNeuron()
    {
        var manifest = Xor();

        var h1 = manifest.FindNeuron("h1")!.Config;
        Assert.Equal(150, h1.IntegrationWindowMs);
        Assert.Equal(100, h1.RefractoryMs);
        Assert.Equal(500, h1.InputLastingMs);
        Assert.Equal(64, h1.MaxHops);
        Assert.Equal(1000, h1.MaxFiresPerSecond);
        Assert.Equal(0, manifest.FindNeuron("x")!.Config.IntegrationWindowMs);
        Assert.Equal(0.9, manifest.FindNeuron("x")!.Config.Threshold);
    }

    [Fact]
    public void Parse_XorYaml_LedAndButtonPins()
    {
        var x = Xor().FindNeuron("x")!;

        Assert.Equal(new LedEntry(17, ActiveLow: false), x.Led);
        Assert.Equal(new ButtonEntry(27, PullMode.Up, DebounceMs: 20), x.Button);
        Assert.Empty(x.Sensors);
    }

    [Fact]
    public void FindHost_OtherCase_FindsTheHost()
    {
        var manifest = Xor();

        Assert.Equal("h2", Assert.Single(manifest.FindHost("PI-H2")!.Neurons).Id);
        Assert.Null(manifest.FindHost("pi-q"));
        Assert.Equal(new GpioEntry("auto", Chip: null, Label: null), manifest.FindHost("pi-z")!.Gpio);
    }
}
