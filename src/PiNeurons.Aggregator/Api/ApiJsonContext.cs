using System.Text.Json.Serialization;
using PiNeurons.Aggregator.Network;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Aggregator.Api;

/// <summary>Source-generated JSON for the HTTP API. Nulls are written, so every field is always there.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(NeuronModel))]
[JsonSerializable(typeof(IReadOnlyList<NeuronModel>))]
[JsonSerializable(typeof(Topology))]
[JsonSerializable(typeof(EventModel))]
[JsonSerializable(typeof(EventPageModel))]
[JsonSerializable(typeof(ErrorModel))]
[JsonSerializable(typeof(CommandModel))]
[JsonSerializable(typeof(HealthModel))]
[JsonSerializable(typeof(KickBody))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
