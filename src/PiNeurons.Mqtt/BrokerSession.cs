namespace PiNeurons.Mqtt;

/// <summary>The broker a connection is in session with, and what its CONNACK said it supports.</summary>
/// <param name="Address">The address of the list the connection reached.</param>
/// <param name="SharedSubscriptionAvailable">False when the broker said it has no shared subscriptions (MQTT 5 CONNACK
/// property; a broker that leaves it out has them).</param>
public sealed record BrokerSession(BrokerAddress Address, bool SharedSubscriptionAvailable);
