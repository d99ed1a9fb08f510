using PiNeurons.Core.Protocol;

namespace PiNeurons.Core.Tests.Protocol;

public class VersionSpreadTests
{
    private const string Old = "0.1.0+6980975f3c1a";
    private const string New = "0.2.0+1234567aaaaa";

    [Fact]
    public void Of_OneVersion_OneGroupNotMixed()
    {
        var spread = VersionSpread.Of([("b", Old), ("a", Old)]);

        Assert.False(spread.Mixed);
        Assert.Equal([$"{Old}: a b"], Groups(spread));
    }

    [Fact]
    public void Of_TwoVersions_MixedWithTheLargestGroupFirst()
    {
        var spread = VersionSpread.Of([("d", New), ("c", Old), ("a", Old), ("b", Old)]);

        Assert.True(spread.Mixed);
        Assert.Equal([$"{Old}: a b c", $"{New}: d"], Groups(spread));
    }

    [Fact]
    public void Of_GroupsOfEqualSize_OrderedByVersion()
    {
        var spread = VersionSpread.Of([("a", New), ("b", Old)]);

        Assert.Equal([$"{Old}: b", $"{New}: a"], Groups(spread));
    }

    [Fact]
    public void Of_SameReleaseFromAnotherCommit_IsMixed()
    {
        var spread = VersionSpread.Of([("a", "0.1.0+aaaaaaa"), ("b", "0.1.0+bbbbbbb")]);

        Assert.True(spread.Mixed);
        Assert.Equal(["0.1.0+aaaaaaa: a", "0.1.0+bbbbbbb: b"], Groups(spread));
    }

    [Fact]
    public void Of_NeuronsWithoutAVersion_AreLeftOut()
    {
        var spread = VersionSpread.Of([("a", Old), ("old-node", null), ("no-state", "")]);

        Assert.False(spread.Mixed);
        Assert.Equal([$"{Old}: a"], Groups(spread));
    }

    [Fact]
    public void Of_NoVersionAtAll_NoGroupNotMixed()
    {
        var spread = VersionSpread.Of([("a", null)]);

        Assert.Empty(spread.Groups);
        Assert.False(spread.Mixed);
    }

    private static IEnumerable<string> Groups(VersionSpread spread) =>
        spread.Groups.Select(g => $"{g.Version}: {string.Join(' ', g.Neurons)}");
}
