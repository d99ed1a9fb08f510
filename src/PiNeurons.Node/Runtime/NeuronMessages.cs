using System.Globalization;
using MQTTnet;
using MQTTnet.Protocol;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;

namespace PiNeurons.Node.Runtime;

/// <summary>The MQTT messages a neuron publishes, with the QoS and retain flags docs/protocol.md asks for.
/// Everything is QoS 1: an event or a kick the broker acknowledged reaches every subscriber that
/// holds a session, which the aggregator's history depends on.</summary>
internal static class NeuronMessages
{
    // Hop values as UTF-8, formatted once: every kick a neuron sends carries one.
    private static readonly ReadOnlyMemory<byte>[] HopValues = [.. Enumerable.Range(0, 128).Select(Utf8)];

    public static MqttApplicationMessage Status(string topic, string status) =>
        Build(topic, System.Text.Encoding.UTF8.GetBytes(status), retain: true);

    public static MqttApplicationMessage State(string topic, byte[] json) => Build(topic, json, retain: true);

    // Retained: MQTT Explorer, Home Assistant and a late subscriber see the latest reading at once.
    public static MqttApplicationMessage Sensor(string topic, byte[] json) => Build(topic, json, retain: true);

    public static MqttApplicationMessage Event(string topic, byte[] json) => Build(topic, json, retain: false);

    public static MqttApplicationMessage Kick(string topic, byte[] fromUtf8, int hop)
    {
        var message = Build(topic, fromUtf8, retain: false);
        message.UserProperties = [new MQTTnet.Packets.MqttUserProperty(ProtocolLimits.HopProperty, Hop(hop))];
        return message;
    }

    public static MqttApplicationMessage Reply(string topic, byte[]? correlationData, byte[] json)
    {
        var message = Build(topic, json, retain: false);
        message.CorrelationData = correlationData;
        return message;
    }

    private static ReadOnlyMemory<byte> Hop(int hop) => hop < HopValues.Length ? HopValues[hop] : Utf8(hop);

    private static ReadOnlyMemory<byte> Utf8(int value) => System.Text.Encoding.UTF8.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    private static MqttApplicationMessage Build(string topic, byte[] payload, bool retain) =>
        MqttMessages.Create(topic, payload, MqttQualityOfServiceLevel.AtLeastOnce, retain);
}
