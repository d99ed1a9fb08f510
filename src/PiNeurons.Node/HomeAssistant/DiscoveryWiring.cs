using Microsoft.Extensions.Logging;
using PiNeurons.Mqtt;
using PiNeurons.Node.Hosting;
using PiNeurons.Node.Persistence;

namespace PiNeurons.Node.HomeAssistant;

/// <summary>Builds a node's <see cref="DiscoveryAnnouncer"/> from its plan, when the plan turns discovery on.</summary>
internal static class DiscoveryWiring
{
    /// <summary>The announcer for <paramref name="plan"/>'s neurons, or null when discovery is off.</summary>
    public static DiscoveryAnnouncer? Create(NodePlan plan, ILoggerFactory loggers, TimeProvider time)
    {
        if (plan.HomeAssistant is not { Discovery: true } ha)
        {
            return null;
        }

        var builder = new DiscoveryBuilder(ha.Prefix, plan.Root, SoftwareVersion.Current);
        var configs = plan.Neurons
            .SelectMany(n => builder.Build(n.Id, plan.DiscoverySensors.TryGetValue(n.Id, out var sensors) ? sensors : []))
            .ToArray();
        var options = new MqttConnectionOptions
        {
            Broker = plan.Broker,
            // One discovery connection per node process. Neuron ids are unique in a cluster, so the first
            // hosted one names the process; the '.' no neuron id has keeps it apart from every neuron's client
            // id. No will: availability is each neuron's own status.
            ClientId = $"{plan.Root.Replace('/', '-')}-{plan.Neurons.First().Id}.home-assistant",
            Subscriptions = [builder.StatusTopic],
            UserName = plan.Credentials?.Username,
            Password = plan.Credentials?.Password,
        };
        return new DiscoveryAnnouncer(
            ha.Prefix,
            configs,
            new AnnouncedStore(plan.StateDir, loggers.CreateLogger<AnnouncedStore>()),
            new ResilientMqttConnection(options, loggers.CreateLogger<ResilientMqttConnection>(), time),
            time,
            DiscoveryAnnouncer.RandomDelay,
            loggers.CreateLogger<DiscoveryAnnouncer>());
    }
}
