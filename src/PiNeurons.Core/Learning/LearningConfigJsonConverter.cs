using System.Text.Json;
using System.Text.Json.Serialization;

namespace PiNeurons.Core.Learning;

/// <summary>
/// Writes the rule and only the rule's own parameters (<c>{"rule":"none"}</c> for most neurons), and reads back
/// through <see cref="LearningPatch"/>, so a state or a saved config is held to the rules a <c>set</c> is.
/// </summary>
public sealed class LearningConfigJsonConverter : JsonConverter<LearningConfig>
{
    /// <inheritdoc />
    public override LearningConfig Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var error = LearningPatch.Merge(LearningConfig.None, document.RootElement, out var config);
        return error is null ? config : throw new JsonException(error);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, LearningConfig value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("rule", LearningConfig.WireName(value.Rule));
        foreach (var name in LearningPatch.ParametersOf(value.Rule))
        {
            switch (name)
            {
                case "teachWindowMs":
                    writer.WriteNumber(name, value.TeachWindowMs);
                    break;
                default:
                    writer.WriteNumber(name, name switch
                    {
                        "rate" => value.Rate,
                        "aPlus" => value.APlus,
                        "aMinus" => value.AMinus,
                        "tauPlusMs" => value.TauPlusMs,
                        "tauMinusMs" => value.TauMinusMs,
                        _ => value.MaxWeight,
                    });
                    break;
            }
        }

        writer.WriteEndObject();
    }
}
