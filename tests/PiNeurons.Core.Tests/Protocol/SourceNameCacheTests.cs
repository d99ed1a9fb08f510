using PiNeurons.Core.Protocol;

namespace PiNeurons.Core.Tests.Protocol;

public class SourceNameCacheTests
{
    [Fact]
    public void Get_SameBytes_ReturnsTheSameStringInstance()
    {
        var cache = new SourceNameCache();

        var first = cache.Get("h1"u8);
        var second = cache.Get("h1"u8.ToArray());

        Assert.Equal("h1", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Get_DifferentBytes_DifferentStrings()
    {
        var cache = new SourceNameCache();

        Assert.Equal("h1", cache.Get("h1"u8));
        Assert.Equal("h2", cache.Get("h2"u8));
        Assert.Equal("sensor:t", cache.Get("sensor:t"u8));
    }
}
