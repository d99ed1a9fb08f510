using System.Text.Json;
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
[JsonSerializable(typeof(PiNeurons.Core.Learning.LearningConfig))]
[JsonSerializable(typeof(SensorMessage))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the neurons write with: non-ASCII text (a unit of °C, a reason naming it) stays as UTF-8
    /// instead of <c>\u00B0</c> escapes, so mosquitto_sub and MQTT Explorer show it as written. MQTT
    /// payloads are never embedded in HTML, which is what the default escaping guards against.
    /// </summary>
    public static ProtocolJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        // The same as the attribute above, plus the encoder.
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new UtcTimestampConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
