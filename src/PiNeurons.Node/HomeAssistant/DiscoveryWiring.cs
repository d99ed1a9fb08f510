using Microsoft.Extensions.Logging;
using PiNeurons.Core.Manifest;
using PiNeurons.Mqtt;
using PiNeurons.Node.Hosting;
using PiNeurons.Node.Persistence;

namespace PiNeurons.Node.HomeAssistant;

/// <summary>Builds a node's <see cref="DiscoveryAnnouncer"/> from its plan, when the plan turns discovery on.</summary>
internal static class DiscoveryWiring
{
    /// <summary>
    /// The announcer for <paramref name="plan"/>'s neurons; with discovery off, one that only clears what an
    /// earlier run announced (turning discovery off removes the devices it made), or null when there is none.
    /// </summary>
    public static DiscoveryAnnouncer? Create(NodePlan plan, ILoggerFactory loggers, TimeProvider time)
    {
        var store = new AnnouncedStore(plan.StateDir, loggers.CreateLogger<AnnouncedStore>());
        var on = plan.HomeAssistant is { Discovery: true };
        if (!on && store.Load().Count == 0)
        {
            return null;
        }

        var ha = on ? plan.HomeAssistant! : new HomeAssistantEntry();
        var builder = new DiscoveryBuilder(ha.Prefix, plan.Root, SoftwareVersion.Current);
        DiscoveryMessage[] configs = on
            ? [.. plan.Neurons.SelectMany(n => builder.Build(n.Id, plan.DiscoverySensors.TryGetValue(n.Id, out var sensors) ? sensors : []))]
            : [];
        var lead = plan.Neurons.First().Id;
        // With --password-dir there is no node-wide user: the first hosted neuron's login publishes the configs
        // (the broker's ACL lets a neuron user write discovery topics). A broker with use_username_as_clientid names
        // this connection after that user too, so it and the neuron's own connection take each other's session.
        var login = plan.CredentialsFor(lead);
        var options = new MqttConnectionOptions
        {
            Broker = plan.Broker,
            // One discovery connection per node process. Neuron ids are unique in a cluster, so the first
            // hosted one names the process; the '.' no neuron id has keeps it apart from every neuron's client
            // id. No will: availability is each neuron's own status.
            ClientId = $"{plan.Root.Replace('/', '-')}-{lead}.home-assistant",
            Subscriptions = [builder.StatusTopic],
            UserName = login?.Username,
            Password = login?.Password,
            Tls = plan.Tls,
        };
        return new DiscoveryAnnouncer(
            ha.Prefix,
            configs,
            store,
            new ResilientMqttConnection(options, loggers.CreateLogger<ResilientMqttConnection>(), time),
            time,
            DiscoveryAnnouncer.RandomDelay,
            loggers.CreateLogger<DiscoveryAnnouncer>());
    }
}
