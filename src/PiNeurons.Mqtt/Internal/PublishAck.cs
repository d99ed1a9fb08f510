using MQTTnet;

namespace PiNeurons.Mqtt.Internal;

/// <summary>Which answers to a QoS 1 publish mean the broker took the message.</summary>
internal static class PublishAck
{
    // No subscriber is not a refusal: the broker took the message (and keeps it if retained).
    public static bool IsAccepted(MqttClientPublishResult result) =>
        result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers;
}
