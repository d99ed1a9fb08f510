using System.Text;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Core.Tests.Protocol;

public class KickParserTests
{
    private static KickRequest Parse(string payload)
    {
        var ok = KickParser.TryParse(Encoding.UTF8.GetBytes(payload), new SourceNameCache(), out var kick, out var error);
        Assert.True(ok, error);
        Assert.Null(error);
        return kick;
    }

    private static string Error(string payload)
    {
        var ok = KickParser.TryParse(Encoding.UTF8.GetBytes(payload), new SourceNameCache(), out _, out var error);
        Assert.False(ok);
        return Assert.IsType<string>(error);
    }

    [Theory]
    [InlineData("x", "x", null)]
    [InlineData("x\n", "x", null)]
    [InlineData(" h1\r\n", "h1", null)]
    [InlineData("", KickSources.External, null)]
    [InlineData("\n", KickSources.External, null)]
    [InlineData("{}", KickSources.External, null)]
    [InlineData("sensor:temp", "sensor:temp", null)]
    [InlineData("""{"from":"x"}""", "x", null)]
    [InlineData("""{"from":"x","hop":3}""", "x", 3)]
    [InlineData("""{"hop":0}""", KickSources.External, 0)]
    [InlineData("""{"from":"x","hop":3.0}""", "x", 3)]
    [InlineData("""{"from":"x","hop":2e0}""", "x", 2)]
    [InlineData("""{ "from" : "sensor:pir" }""", "sensor:pir", null)]
    public void TryParse_ValidPayload_FromAndHop(string payload, string from, int? hop)
    {
        Assert.Equal(new KickRequest(from, hop), Parse(payload));
    }

    [Theory]
    [InlineData("a/b", "kick: 'a/b' is not a valid source (a neuron id of 1 to 64 characters of A-Z a-z 0-9 _ -, or sensor:<name>)")]
    [InlineData("sensor:", "kick: 'sensor:' is not a valid source")]
    [InlineData("x y", "kick: 'x y' is not a valid source")]
    [InlineData("""{"from":"x","colour":"red"}""", "kick: unknown field 'colour' (allowed: from, hop)")]
    [InlineData("""{"from":"x","hop":-1}""", "kick: hop must be a whole number >= 0")]
    [InlineData("""{"from":"x","hop":"3"}""", "kick: hop must be a whole number >= 0")]
    [InlineData("""{"from":"x","hop":1.5}""", "kick: hop must be a whole number >= 0")]
    [InlineData("""{"from":"a/b"}""", "kick: from must be a valid source string")]
    [InlineData("""{"from":3}""", "kick: from must be a valid source string")]
    [InlineData("""{"from":"x\u0079"}""", "kick: from must be a valid source string")]
    [InlineData("{\"from\":\"x\"", "kick: malformed JSON (")]
    [InlineData("""{"from":"x"} junk""", "kick: malformed JSON (")]
    [InlineData("""{"from":"x",}""", "kick: malformed JSON (")]
    [InlineData("""{"hop":NaN}""", "kick: malformed JSON (")]
    public void TryParse_BadPayload_ErrorSaysWhy(string payload, string expected)
    {
        Assert.StartsWith(expected, Error(payload), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D })] // {"\xFF":1}: an unknown field whose name is not UTF-8
    [InlineData(new byte[] { 0x7B, 0x22, 0x66, 0x72, 0x6F, 0x6D, 0x22, 0x3A, 0x22, 0xC0, 0x80, 0x22, 0x7D })] // {"from":"\xC0\x80"}
    [InlineData(new byte[] { 0x61, 0xFF })] // plain a\xFF
    public void TryParse_InvalidUtf8_ErrorNotException(byte[] payload)
    {
        var ok = KickParser.TryParse(payload, new SourceNameCache(), out _, out var error);

        Assert.False(ok);
        Assert.StartsWith("kick: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SameSourceTwice_ReturnsTheCachedInstance()
    {
        var names = new SourceNameCache();

        KickParser.TryParse("h1"u8, names, out var first, out _);
        KickParser.TryParse("""{"from":"h1"}"""u8, names, out var second, out _);

        Assert.Same(first.From, second.From);
    }
}
