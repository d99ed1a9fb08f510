using System.Text.Json;

namespace PiNeurons.Node.HomeAssistant;

/// <summary>One Home Assistant entity of a neuron, the same in either discovery form.</summary>
/// <param name="Platform">Home Assistant's platform: <c>binary_sensor</c>, <c>button</c>, <c>number</c>, <c>sensor</c>.</param>
/// <param name="Key">The entity's key within its neuron: the end of its unique id, and its component id in a device config.</param>
/// <param name="Name">The name Home Assistant shows.</param>
/// <param name="Category">Home Assistant's <c>entity_category</c> (<c>config</c>, <c>diagnostic</c>), or null for a primary entity.</param>
/// <param name="WriteOptions">Writes the platform's own options (topics, templates, classes).</param>
internal sealed record DiscoveryEntity(string Platform, string Key, string Name, string? Category, Action<Utf8JsonWriter> WriteOptions);
