namespace PiNeurons.Mqtt;

/// <summary>The MQTT last will: published by the broker (QoS 1) when the client drops without a DISCONNECT.</summary>
/// <param name="Topic">Will topic, e.g. <c>pineurons/h2/status</c>.</param>
/// <param name="Payload">Will payload, e.g. <c>offline</c> (docs/protocol.md: the status topic's will).</param>
/// <param name="Retain">Whether the broker retains the will; the status topic is retained.</param>
public sealed record MqttWill(string Topic, string Payload, bool Retain = true);
