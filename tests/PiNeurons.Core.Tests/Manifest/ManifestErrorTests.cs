using PiNeurons.Core.Manifest;

namespace PiNeurons.Core.Tests.Manifest;

public class ManifestErrorTests
{
    private static ManifestException Refused(string yaml) =>
        Assert.Throws<ManifestException>(() => ClusterManifest.Parse(yaml, "test.yaml"));

    private static string Only(string yaml) => Assert.Single(Refused(yaml).Problems);

    [Fact]
    public void Parse_YamlSyntaxError_ReportsItsLine()
    {
        var problem = Only("""
            version: 1
            hosts:
              pi-a: [unclosed
            """);

        Assert.Matches(@"^line \d+: YAML syntax error: ", problem);
    }

    [Fact]
    public void Parse_MissingHosts_ReportsHosts()
    {
        Assert.Equal("line 1: hosts: required: a mapping of Pi hostnames to the neurons each hosts", Only("version: 1\n"));
    }

    [Fact]
    public void Parse_DuplicateKey_ReportedAsASyntaxErrorWithItsLine()
    {
        var problem = Only("""
            version: 1
            root: a
            root: b
            """);

        Assert.StartsWith("line 3: YAML syntax error: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotAMapping_Refused()
    {
        Assert.Equal("the file must be a YAML mapping with at least 'hosts'", Only("- a\n- b\n"));
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOneWithTheSourceName()
    {
        var ex = Refused("""
            version: 2
            colour: red
            root: "a/+"
            """);

        Assert.Equal(
        [
            "line 2: colour: unknown field (allowed: version, root, broker, heartbeatSeconds, operators, homeAssistant, defaults, hosts)",
            "line 1: version: unsupported version 2; this PiNeurons reads version 1",
            "line 3: root: 'a/+' is not a valid topic root (segments of A-Z a-z 0-9 _ - separated by '/')",
            "line 1: hosts: required: a mapping of Pi hostnames to the neurons each hosts",
        ], ex.Problems);
        Assert.StartsWith("test.yaml is not a valid manifest:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 2: colour: unknown field", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownNeuronField_ReportsLineAndPath()
    {
        var problem = Only("""
            hosts:
              pi-a:
                neurons:
                  a:
                    thresold: 1
            """);

        Assert.StartsWith("line 5: hosts.pi-a.neurons.a.thresold: unknown field (allowed: threshold, ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ThresholdNotANumber_ReportsTheNeuronAndField()
    {
        var problem = Only("""
            hosts:
              pi-a:
                neurons:
                  a:
                    threshold: abc
            """);

        Assert.Equal("line 5: hosts.pi-a.neurons.a: threshold: expected a number, got a string", problem);
    }

    [Fact]
    public void Parse_BadPull_ReportsLineAndPath()
    {
        var problem = Only("""
            hosts:
              pi-a:
                neurons:
                  a:
                    button: { pin: 27, pull: sideways }
            """);

        Assert.Equal("line 5: hosts.pi-a.neurons.a.button.pull: 'sideways' is not a pull (up, down, none)", problem);
    }

    [Fact]
    public void Parse_ConnectionToNeuronNotInManifest_ReportsPath()
    {
        var problem = Only("""
            hosts:
              pi-a:
                neurons:
                  a:
                    connections: [q]
            """);

        Assert.EndsWith("hosts.pi-a.neurons.a.connections: 'q' is not a neuron of this manifest", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WeightForUnknownNeuron_ReportsPath()
    {
        var problem = Only("""
            hosts:
              pi-a:
                neurons:
                  a:
                    weights: { q: 1, button: 2, sensor:pir: 1 }
            """);

        Assert.EndsWith("hosts.pi-a.neurons.a.weights.q: 'q' is not a neuron of this manifest (nor button, external or sensor:<name>)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameNeuronOnTwoHosts_ReportsTheDuplicate()
    {
        var problem = Only("""
            hosts:
              pi-a:
                neurons:
                  a:
              pi-b:
                neurons:
                  a:
            """);

        Assert.EndsWith("hosts.pi-b.neurons.a: neuron 'a' is also hosted by pi-a; ids are unique in a cluster", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SamePinTwiceOnOneHost_ReportsBothUsers()
    {
        var problem = Only("""
            hosts:
              pi-a:
                neurons:
                  a:
                    led: { pin: 17 }
                  b:
                    button: { pin: 17 }
            """);

        Assert.EndsWith("hosts.pi-a: GPIO 17 is used by both a.led and b.button", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SamePinOnTwoHosts_Accepted()
    {
        var manifest = ClusterManifest.Parse("""
            hosts:
              pi-a:
                neurons:
                  a: { led: { pin: 17 } }
              pi-b:
                neurons:
                  b: { led: { pin: 17 } }
            """);

        Assert.Equal(2, manifest.Neurons.Count);
    }

    [Fact]
    public void Parse_SeveralNeuronProblems_ReportsEveryOne()
    {
        var ex = Refused("""
            hosts:
              pi-a:
                neurons:
                  a:
                    thresold: 1
                    weights: { q: 1 }
                    button: { pin: 27, pull: sideways }
            """);

        Assert.Equal(3, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.Contains("a.thresold: unknown field", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("button.pull", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("weights.q: 'q' is not a neuron of this manifest", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ConnectionToNeuronNotInManifest_ReportsItsLine()
    {
        var problem = Only("""
            hosts:
              pi-a:
                neurons:
                  a:
                    connections: [q]
            """);

        Assert.Matches(@"^line \d+: hosts\.pi-a\.neurons\.a\.connections: ", problem);
    }
}
