using PiNeurons.Core.Manifest;
using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;
using static PiNeurons.Core.Tests.Helpers.TestClock;

namespace PiNeurons.Core.Tests.Model;

/// <summary>The XOR network of MISSION.md run in memory: inputs x, y; hidden h1, h2, h3; output z.</summary>
public class XorNetworkTests
{
    /// <summary>The network as MISSION.md and firmware-config/xor.yaml describe it, built by hand.</summary>
    private static IEnumerable<(string, NeuronConfig)> HandBuilt(int hiddenWindowMs) =>
    [
        ("x", new NeuronConfig { Threshold = 0.9, Connections = ["h1", "h2"] }),
        ("y", new NeuronConfig { Threshold = 0.9, Connections = ["h2", "h3"] }),
        ("h1", new NeuronConfig { Threshold = 0.9, Weights = Weights.Of(("x", 1)), Connections = ["z"], IntegrationWindowMs = hiddenWindowMs }),
        ("h2", new NeuronConfig { Threshold = 1.9, Weights = Weights.Of(("x", 1), ("y", 1)), Connections = ["z"], IntegrationWindowMs = hiddenWindowMs }),
        ("h3", new NeuronConfig { Threshold = 0.9, Weights = Weights.Of(("y", 1)), Connections = ["z"], IntegrationWindowMs = hiddenWindowMs }),
        ("z", new NeuronConfig { Threshold = 0.9, Weights = Weights.Of(("h1", 1), ("h2", -2), ("h3", 1)), IntegrationWindowMs = hiddenWindowMs }),
    ];

    private static IEnumerable<(string, NeuronConfig)> FromManifest() =>
        ClusterManifest.Parse(RepoFiles.XorYaml, "xor.yaml").Neurons.Select(n => (n.Id, n.Config));

    private static long RunOnce(IEnumerable<(string, NeuronConfig)> neurons, bool x, bool y, int yDelayMs = 0)
    {
        var network = new InMemoryNetwork(Create(), neurons);
        if (x)
        {
            network.Kick("x");
        }

        network.Advance(Ms(yDelayMs));
        if (y)
        {
            network.Kick("y");
        }

        network.Advance(TimeSpan.FromSeconds(1));
        return network.FiredCount("z");
    }

    [Theory]
    [InlineData(false, false, 0)]
    [InlineData(false, true, 1)]
    [InlineData(true, false, 1)]
    [InlineData(true, true, 0)]
    public void Kick_HandBuiltXorWithWindow150_ZFiresForExactlyOneInput(bool x, bool y, long zFirings)
    {
        Assert.Equal(zFirings, RunOnce(HandBuilt(150), x, y));
    }

    [Theory]
    [InlineData(false, false, 0)]
    [InlineData(false, true, 1)]
    [InlineData(true, false, 1)]
    [InlineData(true, true, 0)]
    public void Kick_XorYaml_ZFiresForExactlyOneInput(bool x, bool y, long zFirings)
    {
        Assert.Equal(zFirings, RunOnce(FromManifest(), x, y));
    }

    [Fact]
    public void Kick_HandBuiltXorInputs100MsApart_ZDoesNotFire()
    {
        Assert.Equal(0, RunOnce(HandBuilt(150), x: true, y: true, yDelayMs: 100));
    }

    [Fact]
    public void Kick_XorYamlInputs100MsApart_ZDoesNotFire()
    {
        Assert.Equal(0, RunOnce(FromManifest(), x: true, y: true, yDelayMs: 100));
    }

    [Fact]
    public void Kick_HandBuiltXor_InputsAreKickedAsExternalAndZHearsEveryHiddenNeuron()
    {
        var network = new InMemoryNetwork(Create(), HandBuilt(150));

        network.Kick("x");
        network.Advance(Ms(100));
        network.Kick("y");
        network.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(KickSources.External, Assert.Single(network.Record("x").OfType(NeuronEventType.Kicked)).From);
        Assert.Equal(KickSources.External, Assert.Single(network.Record("y").OfType(NeuronEventType.Kicked)).From);
        Assert.Equal(["h1", "h2", "h3"], network.Record("z").OfType(NeuronEventType.Kicked).Select(e => e.From));
        Assert.All(network.Record("z").OfType(NeuronEventType.Kicked), e => Assert.Equal(2, e.Hop));
        Assert.Equal([1, 1, 1, 1], new[] { "x", "y", "h1", "h2" }.Select(id => (int)network.FiredCount(id)));
        Assert.Equal(1, network.FiredCount("h3"));
    }

    [Fact]
    public void Kick_OriginsDefectWindow0AndH1BeforeH2_ZFiresForInput11()
    {
        var network = new InMemoryNetwork(Create(), HandBuilt(0));

        network.Kick("x");
        network.Kick("y");
        network.Advance(TimeSpan.FromSeconds(1));

        var z = network.Record("z");
        Assert.Equal(["h1", "h2", "h3"], z.OfType(NeuronEventType.Kicked).Select(e => e.From));
        Assert.Equal("h1", Assert.Single(z.OfType(NeuronEventType.Fired)).From);
        Assert.Equal(1, network.FiredCount("h2"));
    }
}
