using MQTTnet;

namespace PiNeurons.Mqtt.Internal;

/// <summary>
/// Where a connection gets its one MQTTnet client: the seam at which a test stands in for the broker's answers
/// (a refused CONNACK, then an accepted one) without a broker that would have to be made to refuse.
/// </summary>
internal interface IMqttClientFactory
{
    /// <summary>A new, unconnected client.</summary>
    IMqttClient Create();
}
