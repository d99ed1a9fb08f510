using System.Buffers;
using System.Text;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace PiNeurons.Mqtt;

/// <summary>Quick ways to build MQTT messages and read their payload and user properties.</summary>
public static class MqttMessages
{
    /// <summary>Builds a message with a binary payload.</summary>
    public static MqttApplicationMessage Create(
        string topic,
        ReadOnlyMemory<byte> payload,
        MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce,
        bool retain = false,
        string? userPropertyName = null,
        string? userPropertyValue = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithQualityOfServiceLevel(qos)
            .WithRetainFlag(retain);
        if (userPropertyName is not null)
        {
            builder.WithUserProperty(userPropertyName, Encoding.UTF8.GetBytes(userPropertyValue ?? string.Empty).AsMemory());
        }

        return builder.Build();
    }

    /// <summary>Builds a message with a UTF-8 text payload.</summary>
    public static MqttApplicationMessage Create(
        string topic,
        string payload,
        MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce,
        bool retain = false,
        string? userPropertyName = null,
        string? userPropertyValue = null) =>
        Create(topic, Encoding.UTF8.GetBytes(payload), qos, retain, userPropertyName, userPropertyValue);

    /// <summary>The payload decoded as UTF-8 (empty string for no payload).</summary>
    public static string PayloadAsString(this MqttApplicationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = message.Payload;
        return payload.IsEmpty ? string.Empty : Encoding.UTF8.GetString(payload);
    }

    /// <summary>
    /// The payload as one span; free when the payload is a single segment (the usual case for a
    /// received message), otherwise copied once.
    /// </summary>
    public static ReadOnlySpan<byte> PayloadSpan(this MqttApplicationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = message.Payload;
        return payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
    }

    /// <summary>The value of the first MQTT 5 user property called <paramref name="name"/> (ordinal), or null.</summary>
    public static string? GetUserProperty(this MqttApplicationMessage message, string name)
    {
        ArgumentNullException.ThrowIfNull(message);
        var properties = message.UserProperties;
        if (properties is null)
        {
            return null;
        }

        foreach (var property in properties)
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                return property.ReadValueAsString();
            }
        }

        return null;
    }
}
