using System.Text.Json.Serialization;

namespace PiNeurons.Node.Persistence;

/// <summary>Source-generated JSON for the node's own files.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(PersistedNeuron))]
[JsonSerializable(typeof(DurableCounters))]
[JsonSerializable(typeof(AnnouncedConfigs))]
internal sealed partial class NodeJsonContext : JsonSerializerContext;
