namespace PiNeurons.Node.HomeAssistant;

/// <summary>
/// The manifest's <c>homeAssistant</c> block: whether the node announces its neurons to Home Assistant by
/// MQTT discovery, and under which discovery prefix.
/// </summary>
/// <remarks>Temporary node-side twin of the record the manifest (PiNeurons.Core) is getting; the node
/// switches to Core's once it lands, with the same shape.</remarks>
/// <param name="Discovery">True to publish discovery configs.</param>
/// <param name="Prefix">Home Assistant's discovery prefix (its default is <c>homeassistant</c>).</param>
public sealed record HomeAssistantEntry(bool Discovery = false, string Prefix = "homeassistant");
