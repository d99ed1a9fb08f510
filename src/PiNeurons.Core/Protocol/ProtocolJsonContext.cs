using System.Text.Json.Serialization;
using PiNeurons.Core.Model;

namespace PiNeurons.Core.Protocol;

/// <summary>Source-generated JSON for the protocol's messages: no reflection, trimming and AOT safe.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(EventMessage))]
[JsonSerializable(typeof(StateMessage))]
[JsonSerializable(typeof(NeuronConfig))]
[JsonSerializable(typeof(SensorMessage))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
