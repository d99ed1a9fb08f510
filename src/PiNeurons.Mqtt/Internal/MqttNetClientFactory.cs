using MQTTnet;

namespace PiNeurons.Mqtt.Internal;

/// <summary>MQTTnet's own client, the one every connection uses outside tests.</summary>
internal sealed class MqttNetClientFactory : IMqttClientFactory
{
    public static MqttNetClientFactory Instance { get; } = new();

    /// <inheritdoc />
    public IMqttClient Create() => new MqttClientFactory().CreateMqttClient();
}
