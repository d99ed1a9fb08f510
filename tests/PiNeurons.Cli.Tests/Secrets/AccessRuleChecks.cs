using MQTTnet;
using MQTTnet.Protocol;
using PiNeurons.Testing;

namespace PiNeurons.Cli.Tests.Secrets;

/// <summary>
/// The rules <c>pineurons secrets</c> writes for the XOR manifest (x kicks h1 and h2, h1 kicks z), checked the same way
/// on each broker they are written for; only how a broker says no differs (Mosquitto: not authorized, ejabberd: topic
/// invalid). A denial is proven by what a subscriber receives: the same publisher sends an allowed marker afterwards,
/// and one publisher's QoS 1 messages reach a subscriber in order, so once the marker is in, anything before it that was
/// let through is in too.
/// </summary>
/// <param name="PublishRefused">The broker's answer to a QoS 1 publish its rules refuse.</param>
/// <param name="SubscribeRefused">Its answer to a subscription its rules refuse.</param>
internal sealed record AccessRuleChecks(MqttClientPublishReasonCode PublishRefused, MqttClientSubscribeResultCode SubscribeRefused)
{
    private const string Forged = "forged";
    private const MqttClientSubscribeResultCode Granted = MqttClientSubscribeResultCode.GrantedQoS1;

    /// <summary>An operator subscribes under the root and to its replies, and to nothing wider (not MQTT Explorer's '#').</summary>
    public async Task OperatorSubscribesUnderTheRootItsRepliesOnlyAsync(MqttProbe op)
    {
        var codes = await op.SubscribeAsync("pineurons/#", "pineurons-replies/#", "pineurons/+/status", "#", "$SYS/#", "other/#");

        Assert.Equal([Granted, Granted, Granted, SubscribeRefused, SubscribeRefused, SubscribeRefused], codes);
    }

    /// <summary>h1 publishes its own topics, replies and kicks of z (its connection) only; <paramref name="watcher"/>, an
    /// operator subscribed to <c>pineurons/#</c> and <c>pineurons-replies/#</c>, receives exactly the allowed ones.</summary>
    public async Task NeuronH1PublishesOnlyItsOwnTopicsAndKicksOfItsConnectionsAsync(MqttProbe h1, MqttProbe watcher)
    {
        string[] forbidden =
        [
            "pineurons/h2/set", "pineurons/h2/fire", "pineurons/h2/query", "pineurons/h2/state", "pineurons/h2/status", "pineurons/h2/events",
            "pineurons/h2/kick", "pineurons/x/kick", "pineurons/h1/kick", "pineurons/h1/set", "pineurons/z/set", "pineurons/h2/sensors/pir",
            // Wired to z, h1 may kick it, never teach it.
            "pineurons/z/teach", "pineurons/h1/teach",
        ];
        foreach (var topic in forbidden)
        {
            var result = await PublishAsync(h1, topic, Forged);
            Assert.True(result.ReasonCode == PublishRefused, $"{topic}: {result.ReasonCode}");
        }

        // Positive controls, then the marker: all allowed, so the check can fail.
        foreach (var (topic, payload) in new[]
        {
            ("pineurons/z/kick", "h1"), ("pineurons/h1/status", "online"), ("pineurons/h1/state", "{}"),
            ("pineurons/h1/sensors/pir", "1"), ("pineurons-replies/pineurons-cli-1", "{}"), ("pineurons/h1/events", "marker"),
        })
        {
            Assert.Equal(MqttClientPublishReasonCode.Success, (await PublishAsync(h1, topic, payload)).ReasonCode);
        }

        await watcher.WaitForAsync("pineurons/h1/events", "marker");
        Assert.Equal(
            ["pineurons/z/kick", "pineurons/h1/status", "pineurons/h1/state", "pineurons/h1/sensors/pir", "pineurons-replies/pineurons-cli-1", "pineurons/h1/events"],
            watcher.Received.Select(m => m.Topic));
    }

    /// <summary>h1 may subscribe to its own commands only, <paramref name="wider"/> filters included in the refusals, and
    /// receives nothing of what <paramref name="op"/> sends to others.</summary>
    public async Task NeuronH1SubscribesToItsOwnCommandsOnlyAsync(MqttProbe h1, MqttProbe op, string wider)
    {
        var wide = await h1.SubscribeAsync("pineurons/#", "pineurons-replies/#", "pineurons/h1/+", "pineurons/h1/#", "pineurons/h2/kick", "#", wider);
        var own = await h1.SubscribeAsync("pineurons/h1/kick", "pineurons/h1/fire", "pineurons/h1/query", "pineurons/h1/set", "pineurons/h1/teach");

        Assert.All(wide, code => Assert.Equal(SubscribeRefused, code));
        Assert.All(own, code => Assert.Equal(Granted, code));

        foreach (var topic in new[] { "pineurons/h2/set", "pineurons/h2/teach", "pineurons/h2/kick", "pineurons/h2/fire", "pineurons/h2/query", "pineurons/z/events", "pineurons/h2/state", "pineurons-replies/other" })
        {
            await op.PublishAsync(topic, Forged);
        }

        await op.PublishAsync("pineurons/h1/set", "{}");
        await op.PublishAsync("pineurons/h1/teach", "1");
        await op.PublishAsync("pineurons/h1/kick", "marker");

        await h1.WaitForAsync("pineurons/h1/kick", "marker");
        Assert.Equal(["pineurons/h1/set", "pineurons/h1/teach", "pineurons/h1/kick"], h1.Received.Select(m => m.Topic));
    }

    /// <summary>A QoS 1 publish, for its reason code.</summary>
    public static Task<MqttClientPublishResult> PublishAsync(MqttProbe probe, string topic, string payload) =>
        probe.Client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            CancellationToken.None);
}
