using System.Text;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Core.Tests.Protocol;

public class QueryRequestTests
{
    [Theory]
    [InlineData("", false)]
    [InlineData("please", false)]
    [InlineData("[\"log\"]", false)]
    [InlineData("{}", false)]
    [InlineData("""{"include":[]}""", false)]
    [InlineData("""{"include":["log"]}""", true)]
    [InlineData(""" {"include":["log"]} """, true)]
    public void TryParse_ValidOrIgnoredPayload_Query(string payload, bool includeLog)
    {
        var ok = QueryRequest.TryParse(Encoding.UTF8.GetBytes(payload), out var query, out var error);

        Assert.True(ok, error);
        Assert.Null(error);
        Assert.Equal(includeLog, query.IncludeLog);
    }

    [Theory]
    [InlineData("""{"include":["x"]}""", "query: include may only name \"log\", got \"x\"")]
    [InlineData("""{"include":"log"}""", "query: include must be an array, e.g. [\"log\"]")]
    [InlineData("""{"incude":["log"]}""", "query: unknown field 'incude' (allowed: include)")]
    [InlineData("""{"include":["log"]""", "query: malformed JSON (")]
    public void TryParse_BadJson_ErrorSaysWhy(string payload, string expected)
    {
        var ok = QueryRequest.TryParse(Encoding.UTF8.GetBytes(payload), out _, out var error);

        Assert.False(ok);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_FieldNameNotUtf8_ErrorNotException()
    {
        byte[] payload = [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]; // {"\xFF":1}

        var ok = QueryRequest.TryParse(payload, out _, out var error);

        Assert.False(ok);
        Assert.StartsWith("query: malformed JSON (", error, StringComparison.Ordinal);
    }
}
