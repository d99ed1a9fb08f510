using PiNeurons.Aggregator.Ingest;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Aggregator.Tests.Ingest;

public sealed class IngestModeDecisionTests
{
    [Theory]
    // No group: every replica takes every event, whatever the broker says.
    [InlineData(null, null, IngestMode.All)]
    [InlineData(null, true, IngestMode.All)]
    [InlineData(null, false, IngestMode.All)]
    // A group: shared, unless the broker says it cannot (ejabberd's mod_mqtt answers 0 and disconnects on $share).
    [InlineData("aggregators", true, IngestMode.Shared)]
    [InlineData("aggregators", false, IngestMode.All)]
    // Not known yet, or left out of the CONNACK: MQTT 5 defines an absent Shared Subscription Available as "available".
    [InlineData("aggregators", null, IngestMode.Shared)]
    public void Decide_GroupAndBrokerAnswer_GiveTheMode(string? group, bool? brokerAllowsShared, IngestMode expected)
    {
        Assert.Equal(expected, IngestModeDecision.Decide(group, brokerAllowsShared));
    }

    [Theory]
    [InlineData("aggregators", IngestMode.Shared, "$share/aggregators/pineurons/+/events")]
    [InlineData("aggregators", IngestMode.All, "pineurons/+/events")]
    [InlineData(null, IngestMode.All, "pineurons/+/events")]
    public void EventsFilter_OfTheMode_IsWhatTheReplicaSubscribesTo(string? group, IngestMode mode, string expected)
    {
        Assert.Equal(expected, IngestModeDecision.EventsFilter(new TopicScheme("pineurons"), group, mode));
    }

    [Fact]
    public void Label_EachMode_IsItsNameInMetricsAndHealth()
    {
        Assert.Equal(["shared", "all"], new[] { IngestMode.Shared, IngestMode.All }.Select(IngestModeDecision.Label));
    }
}
