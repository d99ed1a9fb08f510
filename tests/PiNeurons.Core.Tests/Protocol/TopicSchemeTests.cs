using PiNeurons.Core.Protocol;

namespace PiNeurons.Core.Tests.Protocol;

public class TopicSchemeTests
{
    [Fact]
    public void For_Id_TopicsOfTheProtocol()
    {
        var topics = new TopicScheme().For("h2");

        Assert.Equal("h2", topics.Id);
        Assert.Equal("pineurons/h2/kick", topics.Kick);
        Assert.Equal("pineurons/h2/fire", topics.Fire);
        Assert.Equal("pineurons/h2/query", topics.Query);
        Assert.Equal("pineurons/h2/set", topics.Set);
        Assert.Equal("pineurons/h2/teach", topics.Teach);
        Assert.Equal("pineurons/h2/status", topics.Status);
        Assert.Equal("pineurons/h2/state", topics.State);
        Assert.Equal("pineurons/h2/events", topics.Events);
        Assert.Equal(["pineurons/h2/kick", "pineurons/h2/fire", "pineurons/h2/query", "pineurons/h2/set", "pineurons/h2/teach"], topics.Commands);
    }

    [Fact]
    public void Wildcards_CustomRoot_UnderThatRoot()
    {
        var scheme = new TopicScheme("lab/brain");

        Assert.Equal("lab/brain/+/events", scheme.AllEvents);
        Assert.Equal("lab/brain/+/status", scheme.AllStatus);
        Assert.Equal("lab/brain/+/state", scheme.AllState);
        Assert.Equal("lab/brain/x/kick", scheme.For("x").Kick);
    }

    [Fact]
    public void ClientIdOf_RootWithLevels_DashesInPlaceOfSlashes()
    {
        Assert.Equal("pineurons-h2", new TopicScheme().ClientIdOf("h2"));
        Assert.Equal("lab-brain-x", new TopicScheme("lab/brain").ClientIdOf("x"));
        Assert.Throws<ArgumentException>(() => new TopicScheme().ClientIdOf("a/b"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("pine/+")]
    [InlineData("#")]
    [InlineData("pine//rons")]
    [InlineData("pineurons/")]
    [InlineData("$SYS")]
    public void Constructor_InvalidRoot_ThrowsNamingRoot(string root)
    {
        var ex = Assert.Throws<ArgumentException>(() => new TopicScheme(root));

        Assert.StartsWith("root: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_InvalidId_ThrowsNamingId()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TopicScheme().For("a+b"));

        Assert.StartsWith("id: 'a+b' is not a valid neuron id", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pineurons/h2/state", "h2", "state")]
    [InlineData("pineurons/z/events", "z", "events")]
    public void TrySplit_NeuronTopic_IdAndLeaf(string topic, string id, string leaf)
    {
        Assert.True(new TopicScheme().TrySplit(topic, out var gotId, out var gotLeaf));
        Assert.Equal(id, gotId);
        Assert.Equal(leaf, gotLeaf);
    }

    [Theory]
    [InlineData("pineurons/h2")]
    [InlineData("pineurons/h2/state/extra")]
    [InlineData("other/h2/state")]
    [InlineData("pineuronsx/h2/state")]
    [InlineData("pineurons//state")]
    [InlineData("pineurons/a+b/state")]
    [InlineData("pine")]
    public void TrySplit_OtherTopic_False(string topic)
    {
        Assert.False(new TopicScheme().TrySplit(topic, out _, out _));
    }

    [Theory]
    [InlineData("pineurons/h2/kick", NeuronCommand.Kick)]
    [InlineData("pineurons/h2/fire", NeuronCommand.Fire)]
    [InlineData("pineurons/h2/query", NeuronCommand.Query)]
    [InlineData("pineurons/h2/set", NeuronCommand.Set)]
    public void TryGetCommand_CommandTopic_ThatCommand(string topic, NeuronCommand expected)
    {
        var topics = new TopicScheme().For("h2");

        Assert.True(topics.TryGetCommand(new string(topic.AsSpan()), out var command));
        Assert.Equal(expected, command);
    }

    [Theory]
    [InlineData("pineurons/h2/state")]
    [InlineData("pineurons/h1/kick")]
    [InlineData("pineurons/h2/Kick")]
    public void TryGetCommand_OtherTopic_False(string topic)
    {
        Assert.False(new TopicScheme().For("h2").TryGetCommand(topic, out _));
    }
}
