using PiNeurons.Core.Protocol;

namespace PiNeurons.Aggregator.Ingest;

/// <summary>
/// Chooses the <see cref="IngestMode"/> from the configuration and what the broker says it supports. Pure, so each case
/// is tested; the broker's answer comes with each session, so it is meant to be asked again at every connect.
/// </summary>
internal static class IngestModeDecision
{
    /// <summary>
    /// Shared when a group is configured and the broker allows shared subscriptions, else every replica takes every
    /// event: a broker that refuses them (ejabberd's mod_mqtt) disconnects a client that subscribes to <c>$share/...</c>.
    /// </summary>
    /// <param name="sharedGroup"><c>--shared-group</c>, or null.</param>
    /// <param name="brokerAllowsShared">
    /// The CONNACK's Shared Subscription Available; null when not known (no session yet) or when the broker leaves it
    /// out, which MQTT 5 defines as "available".
    /// </param>
    public static IngestMode Decide(string? sharedGroup, bool? brokerAllowsShared) =>
        sharedGroup is not null && brokerAllowsShared != false ? IngestMode.Shared : IngestMode.All;

    /// <summary>The topic filter the events are subscribed with in <paramref name="mode"/>.</summary>
    public static string EventsFilter(TopicScheme topics, string? sharedGroup, IngestMode mode)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return mode == IngestMode.Shared && sharedGroup is not null ? $"$share/{sharedGroup}/{topics.AllEvents}" : topics.AllEvents;
    }

    /// <summary>The mode's name in the log, <c>/metrics</c> and <c>/healthz</c>: <c>shared</c> or <c>all</c>.</summary>
    public static string Label(IngestMode mode) => mode == IngestMode.Shared ? "shared" : "all";
}
