namespace PiNeurons.Node.HomeAssistant;

/// <summary>One retained discovery config: its topic and its JSON payload (empty removes the entity).</summary>
/// <param name="Topic"><c>&lt;prefix&gt;/&lt;component&gt;/&lt;node_id&gt;/&lt;object_id&gt;/config</c>, or
/// <c>&lt;prefix&gt;/device/&lt;object_id&gt;/config</c> for a device config.</param>
/// <param name="Payload">The config as UTF-8 JSON.</param>
/// <param name="Components">For a device config, the platform of each component by component id (what a later run
/// must remove if the component is gone); null for a single-component config.</param>
public sealed record DiscoveryMessage(string Topic, string Payload, IReadOnlyDictionary<string, string>? Components = null);
