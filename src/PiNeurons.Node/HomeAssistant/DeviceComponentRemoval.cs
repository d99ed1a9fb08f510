using System.Text.Json.Nodes;

namespace PiNeurons.Node.HomeAssistant;

/// <summary>
/// Home Assistant's documented way to remove one component of a device config: publish the config with that
/// component reduced to its platform alone (<c>"cmps": { "id": { "p": "sensor" } }</c>), then, as its docs advise,
/// the config without it, so that the retained config is the current one.
/// </summary>
internal static class DeviceComponentRemoval
{
    /// <summary>The components <paramref name="before"/> had that <paramref name="config"/> no longer has, with their platforms.</summary>
    public static IReadOnlyDictionary<string, string> Removed(DiscoveryMessage config, IReadOnlyDictionary<string, string>? before)
    {
        ArgumentNullException.ThrowIfNull(config);
        var now = config.Components ?? new Dictionary<string, string>();
        return before is null
            ? new Dictionary<string, string>()
            : before.Where(c => !now.ContainsKey(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
    }

    /// <summary><paramref name="config"/> with each of <paramref name="removed"/> added as a platform-only component.</summary>
    public static DiscoveryMessage With(DiscoveryMessage config, IReadOnlyDictionary<string, string> removed)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(removed);
        var root = JsonNode.Parse(config.Payload)!.AsObject();
        var components = root["cmps"]!.AsObject();
        foreach (var (id, platform) in removed.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            components[id] = new JsonObject { ["p"] = platform };
        }

        return config with { Payload = root.ToJsonString() };
    }
}
