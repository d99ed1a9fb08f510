namespace PiNeurons.Mqtt.Tests;

public sealed class BrokerListTests
{
    [Fact]
    public void Parse_OneAddress_IsAListOfOne()
    {
        var list = BrokerList.Parse("mqtts://a:8883");

        Assert.Equal([BrokerAddress.Parse("mqtts://a:8883")], list);
        Assert.Equal("mqtts://a:8883", list.ToString());
    }

    [Fact]
    public void Parse_CommaSeparated_KeepsTheOrderAndTrimsSpaces()
    {
        var list = BrokerList.Parse("mqtts://b:8883, mqtts://a:8883");

        Assert.Equal(["mqtts://b:8883", "mqtts://a:8883"], list.Select(a => a.ToString()));
        Assert.Equal(BrokerAddress.Parse("mqtts://b:8883"), list.First);
        Assert.Equal("mqtts://b:8883,mqtts://a:8883", list.ToString());
    }

    [Fact]
    public void NextIndex_WrapsRoundToTheFirst()
    {
        var list = BrokerList.Parse("a,b,c");

        Assert.Equal([1, 2, 0], new[] { 0, 1, 2 }.Select(list.NextIndex));
        Assert.Equal(0, BrokerList.Parse("a").NextIndex(0));
    }

    [Theory]
    [InlineData("mqtt://a,", "broker address is empty")]
    [InlineData("", "broker address is empty")]
    [InlineData("mqtt://a,http://b", "broker address 'http://b' has unsupported scheme 'http'")]
    [InlineData("mqtt://a:1883,a", "broker list names mqtt://a:1883 twice")]
    public void TryParse_BadList_SaysWhichItemIsWrong(string text, string expected)
    {
        Assert.False(BrokerList.TryParse(text, out _, out var error));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstPlain_NamesTheFirstAddressWithoutTls()
    {
        Assert.Equal(BrokerAddress.Parse("mqtt://b:1883"), BrokerList.Parse("mqtts://a,mqtt://b,mqtt://c").FirstPlain);
        Assert.False(BrokerList.Parse("mqtts://a,mqtt://b").AllUseTls);
        Assert.Null(BrokerList.Parse("mqtts://a,mqtts://b").FirstPlain);
        Assert.True(BrokerList.Parse("mqtts://a,mqtts://b").AllUseTls);
    }

    [Fact]
    public void Equality_IsByTheAddressesInOrder()
    {
        Assert.Equal(BrokerList.Parse("a,b"), BrokerList.Parse("mqtt://a:1883,mqtt://b:1883"));
        Assert.NotEqual(BrokerList.Parse("a,b"), BrokerList.Parse("b,a"));
        Assert.Equal(BrokerList.Parse("a,b").GetHashCode(), BrokerList.Parse("mqtt://a:1883,mqtt://b:1883").GetHashCode());
    }
}
