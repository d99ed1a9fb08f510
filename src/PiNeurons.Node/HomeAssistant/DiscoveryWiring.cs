using Microsoft.Extensions.Logging;
using PiNeurons.Core.Manifest;
using PiNeurons.Node.Hosting;
using PiNeurons.Node.Persistence;

namespace PiNeurons.Node.HomeAssistant;

/// <summary>Builds a node's <see cref="DiscoveryAnnouncer"/> from its plan, when the plan turns discovery on.</summary>
internal static class DiscoveryWiring
{
    /// <summary>
    /// The announcer for <paramref name="plan"/>'s neurons; with discovery off, one that only clears what an
    /// earlier run announced (turning discovery off removes the devices it made), or null when there is none.
    /// It travels on the first neuron's connection: <see cref="DiscoveryAnnouncer.Connect"/> makes that one.
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
        var builder = new DiscoveryBuilder(ha.Prefix, plan.Root, SoftwareVersion.Current, plan.Heartbeat);
        DiscoveryMessage[] configs = on ? [.. Configs(plan, builder, ha.Form)] : [];
        // The same entities in the other form: what an earlier run in that form announced, to hand over.
        var other = ha.Form == HomeAssistantDiscoveryForm.Device ? HomeAssistantDiscoveryForm.Component : HomeAssistantDiscoveryForm.Device;
        var handover = on ? Configs(plan, builder, other).Select(c => c.Topic).ToHashSet(StringComparer.Ordinal) : [];
        return new DiscoveryAnnouncer(ha.Prefix, configs, store, time, DiscoveryAnnouncer.RandomDelay, loggers.CreateLogger<DiscoveryAnnouncer>())
        {
            Handover = handover,
        };
    }

    private static IEnumerable<DiscoveryMessage> Configs(NodePlan plan, DiscoveryBuilder builder, HomeAssistantDiscoveryForm form) =>
        plan.Neurons.SelectMany(n => builder.Build(form, n.Id, plan.DiscoverySensors.TryGetValue(n.Id, out var sensors) ? sensors : []));

    /// <summary>The Home Assistant status topic the first neuron's connection subscribes to, when discovery is on.</summary>
    public static string? StatusTopic(NodePlan plan) =>
        plan.HomeAssistant is { Discovery: true } ha ? DiscoveryNames.StatusTopic(ha.Prefix) : null;
}
