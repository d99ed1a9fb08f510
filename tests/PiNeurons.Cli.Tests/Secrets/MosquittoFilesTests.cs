using System.Diagnostics;
using PiNeurons.Cli.Secrets;
using PiNeurons.Core.Manifest;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>The password file's format against the real mosquitto_passwd, and the ACL's exact lines.</summary>
public sealed class MosquittoFilesTests
{
    [Fact]
    public async Task PasswordLine_SameSaltAsMosquittoPasswd_IsTheLineMosquittoPasswdWrites()
    {
        using var place = new SecretsOutput();
        var file = Path.Combine(place.Root, "passwd");
        using (var tool = Process.Start("mosquitto_passwd", ["-b", "-c", file, "h1", "pässword/with:odd$chars"]))
        {
            await tool.WaitForExitAsync();
            Assert.Equal(0, tool.ExitCode);
        }

        var theirs = (await File.ReadAllLinesAsync(file)).Single();
        var fields = theirs.Split('$');
        Assert.Equal(["h1:", "7", "101"], fields[..3]);
        Assert.Equal(MosquittoPasswordFile.SaltBytes, Convert.FromBase64String(fields[3]).Length);
        Assert.Equal(MosquittoPasswordFile.HashBytes, Convert.FromBase64String(fields[4]).Length);

        Assert.Equal(theirs, MosquittoPasswordFile.Line("h1", "pässword/with:odd$chars", Convert.FromBase64String(fields[3])));
        Assert.True(MosquittoPasswordFile.Verify(theirs, "h1", "pässword/with:odd$chars"));
        Assert.False(MosquittoPasswordFile.Verify(theirs, "h1", "password"));
        Assert.False(MosquittoPasswordFile.Verify(theirs, "h2", "pässword/with:odd$chars"));
    }

    [Fact]
    public void Acl_Xor_GivesEachRoleExactlyItsTopics()
    {
        var manifest = ClusterManifest.Parse(File.ReadAllText(SecretsOutput.ManifestPath), "xor.yaml");

        var lines = MosquittoAcl.Build(manifest, "pineurons", ["alice", "bob"]).Split('\n');

        Assert.Equal(
        [
            "user alice", "topic readwrite pineurons/#", "topic readwrite pineurons-replies/#",
            "user bob", "topic readwrite pineurons/#", "topic readwrite pineurons-replies/#",
            "user aggregator",
            "topic read pineurons/+/events", "topic read pineurons/+/status", "topic read pineurons/+/state",
            "topic write pineurons/+/kick", "topic write pineurons/+/fire", "topic write pineurons/+/set",
            .. Neuron("x", "h1", "h2"), .. Neuron("y", "h2", "h3"),
            .. Neuron("h1", "z"), .. Neuron("h2", "z"), .. Neuron("h3", "z"), .. Neuron("z"),
        ],
            lines.Where(l => l.Length > 0 && !l.StartsWith('#')));
        Assert.DoesNotContain(lines, l => l.StartsWith("pattern", StringComparison.Ordinal) || l.Contains("%c", StringComparison.Ordinal));
    }

    [Fact]
    public void Acl_RootWithLevels_UsesItForTopicsAndReplies()
    {
        var manifest = ClusterManifest.Parse("hosts:\n  pi-a:\n    neurons:\n      a:\n", "m.yaml");

        var text = MosquittoAcl.Build(manifest, "lab/b", ["op"]);

        Assert.Contains("\ntopic readwrite lab/b-replies/#\n", text, StringComparison.Ordinal);
        Assert.Contains("\ntopic write lab/b/a/status\n", text, StringComparison.Ordinal);
        Assert.Contains("\ntopic write lab/b-replies/+\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Acl_HomeAssistantDiscoveryOn_NeuronsAnnounceOperatorsLikeHomeAssistantReadAndSayOnline()
    {
        var manifest = ClusterManifest.Parse("homeAssistant: { discovery: true, prefix: ha }\nhosts:\n  pi-a:\n    neurons:\n      a:\n", "m.yaml");

        var text = MosquittoAcl.Build(manifest, "pineurons", ["op"]);
        var neuronSection = text[text.IndexOf("user a\n", StringComparison.Ordinal)..];

        var operatorSection = text[text.IndexOf("user op\n", StringComparison.Ordinal)..text.IndexOf("user aggregator\n", StringComparison.Ordinal)];
        var aggregatorSection = text[text.IndexOf("user aggregator\n", StringComparison.Ordinal)..text.IndexOf("user a\n", StringComparison.Ordinal)];

        Assert.Contains("\ntopic write ha/#\ntopic read ha/status\n", neuronSection, StringComparison.Ordinal);
        Assert.Contains("\ntopic readwrite ha/#\n", operatorSection, StringComparison.Ordinal);
        Assert.DoesNotContain("ha/", aggregatorSection, StringComparison.Ordinal);
    }

    private static string[] Neuron(string id, params string[] connections) =>
    [
        $"user {id}",
        $"topic write pineurons/{id}/status", $"topic write pineurons/{id}/state", $"topic write pineurons/{id}/events",
        $"topic write pineurons/{id}/sensors/#",
        $"topic read pineurons/{id}/kick", $"topic read pineurons/{id}/fire", $"topic read pineurons/{id}/query", $"topic read pineurons/{id}/set",
        "topic write pineurons-replies/+",
        .. connections.Select(c => $"topic write pineurons/{c}/kick"),
    ];
}
