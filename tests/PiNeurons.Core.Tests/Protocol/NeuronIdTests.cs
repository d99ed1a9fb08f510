using PiNeurons.Core.Protocol;

namespace PiNeurons.Core.Tests.Protocol;

public class NeuronIdTests
{
    [Theory]
    [InlineData("x")]
    [InlineData("h2")]
    [InlineData("Neuron_01-b")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void IsValid_RuleCharactersUpTo64_True(string id)
    {
        Assert.True(NeuronId.IsValid(id));
        Assert.True(NeuronId.IsValid(System.Text.Encoding.UTF8.GetBytes(id)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a+")]
    [InlineData("#")]
    [InlineData("$SYS")]
    [InlineData("a b")]
    [InlineData("é")]
    [InlineData("sensor:t")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public void IsValid_BreaksTheRule_False(string id)
    {
        Assert.False(NeuronId.IsValid(id));
        Assert.False(NeuronId.IsValid(System.Text.Encoding.UTF8.GetBytes(id)));
    }

    [Fact]
    public void Require_Invalid_ThrowsNamingTheFieldAndTheRule()
    {
        var ex = Assert.Throws<ArgumentException>(() => NeuronId.Require("a/b", "connections"));

        Assert.Equal("connections", ex.ParamName);
        Assert.StartsWith("connections: 'a/b' is not a valid neuron id (1 to 64 characters of A-Z a-z 0-9 _ -)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_LongTextWithControlCharacters_BoundedAndPrintable()
    {
        Assert.Equal("a?b" + new string('c', 37) + "...", NeuronId.Describe("a\nb" + new string('c', 100)));
        Assert.Equal("(null)", NeuronId.Describe(null));
    }
}
