using PiNeurons.Testing;

namespace PiNeurons.Cluster.Tests;

/// <summary>Plain MQTT clients on one node of a cluster with anonymous logins: mod_mqtt refuses a CONNECT without a
/// password, so each sends a user name and any password.</summary>
internal static class Probes
{
    public static Task<MqttProbe> OnAsync(EjabberdNode node, params string[] subscriptions) =>
        MqttProbe.ConnectAsync(node.Broker.Host, node.Broker.Port, b => b.WithCredentials("probe", "any"), subscriptions);
}
