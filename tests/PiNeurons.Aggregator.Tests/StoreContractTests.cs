using PiNeurons.Aggregator.Storage;

namespace PiNeurons.Aggregator.Tests;

public sealed class StoreContractTests
{
    [Fact]
    public void EventQuery_Default_IsOnePageOfOneHundred()
    {
        Assert.Equal(100, new EventQuery().Limit);
    }
}
