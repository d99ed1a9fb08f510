namespace PiNeurons.Node.HomeAssistant;

/// <summary>One retained discovery config: its topic and its JSON payload (empty removes the entity).</summary>
/// <param name="Topic"><c>&lt;prefix&gt;/&lt;component&gt;/&lt;node_id&gt;/&lt;object_id&gt;/config</c>.</param>
/// <param name="Payload">The config as UTF-8 JSON.</param>
public sealed record DiscoveryMessage(string Topic, string Payload);
