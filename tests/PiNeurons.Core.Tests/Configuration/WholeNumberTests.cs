using System.Text.Json;
using PiNeurons.Core.Configuration;

namespace PiNeurons.Core.Tests.Configuration;

public sealed class WholeNumberTests
{
    [Theory]
    [InlineData("100", 100)]
    [InlineData("100.0", 100)]
    [InlineData("1e2", 100)]
    [InlineData("1.00E+2", 100)]
    [InlineData("-0.0", 0)]
    [InlineData("0", 0)]
    [InlineData("-5.000", -5)]
    [InlineData("2147483647.0", int.MaxValue)]
    public void TryRead_JsonNumberWithoutFraction_IsThatWholeNumber(string json, int expected)
    {
        using var doc = JsonDocument.Parse(json);
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        reader.Read();

        Assert.True(WholeNumber.TryRead(doc.RootElement, out int fromElement));
        Assert.True(WholeNumber.TryRead(ref reader, out var fromReader));
        Assert.True(WholeNumber.TryParse(json, out var fromText));
        Assert.Equal(expected, fromElement);
        Assert.Equal(expected, fromReader);
        Assert.Equal(expected, fromText);
    }

    [Theory]
    [InlineData("100.5")]
    [InlineData("1e-2")]
    [InlineData("2147483648")]
    [InlineData("1e10")]
    [InlineData("\"100\"")]
    [InlineData("true")]
    [InlineData("null")]
    public void TryRead_FractionOutOfRangeOrNotANumber_Refused(string json)
    {
        using var doc = JsonDocument.Parse(json);

        Assert.False(WholeNumber.TryRead(doc.RootElement, out int _));
    }

    [Theory]
    [InlineData("9007199254740992", 9007199254740992L)]
    [InlineData("1.5e3", 1500L)]
    public void TryRead_Long_ReadsWholeValues(string json, long expected)
    {
        using var doc = JsonDocument.Parse(json);

        Assert.True(WholeNumber.TryRead(doc.RootElement, out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ten")]
    [InlineData("0x10")]
    [InlineData("1.5")]
    public void TryParse_TextThatIsNoWholeNumber_Refused(string text) => Assert.False(WholeNumber.TryParse(text, out _));
}
