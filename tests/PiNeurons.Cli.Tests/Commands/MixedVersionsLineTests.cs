using PiNeurons.Cli.Commands;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Cli.Tests.Commands;

public class MixedVersionsLineTests
{
    private const string Old = "0.1.0+abcdef0123456789abcdef0123456789abcdef01";
    private const string New = "0.2.0+1234567890abcdef1234567890abcdef12345678";

    [Fact]
    public void For_OneVersion_Null()
    {
        Assert.Null(MixedVersionsLine.For(VersionSpread.Of([("a", Old), ("b", Old), ("c", null)])));
    }

    [Fact]
    public void For_TwoVersions_EachWithItsCountAndNeuronsLargestFirst()
    {
        var line = MixedVersionsLine.For(VersionSpread.Of([("d", New), ("a", Old), ("b", Old), ("c", Old)]));

        Assert.Equal("mixed versions: 0.1.0 (abcdef0) on 3 neurons (a, b, c); 0.2.0 (1234567) on 1 neuron (d)", line);
    }

    [Fact]
    public void For_AGroupOfMoreThanFive_ListsFiveThenAnEllipsis()
    {
        var line = MixedVersionsLine.For(VersionSpread.Of([.. new[] { "a", "b", "c", "d", "e", "f", "g" }.Select(id => (id, (string?)Old)), ("z", New)]));

        Assert.Equal("mixed versions: 0.1.0 (abcdef0) on 7 neurons (a, b, c, d, e, …); 0.2.0 (1234567) on 1 neuron (z)", line);
    }
}
