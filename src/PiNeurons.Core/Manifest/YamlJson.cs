using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PiNeurons.Core.Manifest;

/// <summary>
/// Turns the config part of a YAML mapping into the JSON of a <c>set</c> patch, so a manifest's config
/// is checked by exactly the code that checks a live <c>set</c>: one rule set, one set of messages.
/// </summary>
internal static class YamlJson
{
    public static byte[] ToJsonObject(YamlMappingNode map, IReadOnlyCollection<string> keys)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in map.Children)
            {
                var name = ManifestParser.Scalar(key);
                if (keys.Contains(name))
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Children)
                {
                    writer.WritePropertyName(ManifestParser.Scalar(key));
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted)
        {
            writer.WriteStringValue(text);
        }
        else if (text is "" or "~" or "null")
        {
            writer.WriteNullValue();
        }
        else if (text is "true" or "false")
        {
            writer.WriteBooleanValue(text == "true");
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }
}
