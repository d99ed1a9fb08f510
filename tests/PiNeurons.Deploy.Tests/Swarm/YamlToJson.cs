using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// A Compose file as the JSON a schema validator sees. Plain scalars get the types Docker's YAML
/// reader gives them (null, booleans, integers including the 0400-style octal Compose files use for
/// modes, floats); quoted and block scalars stay strings. Merge keys (<c>&lt;&lt;</c>) are refused
/// rather than silently kept as a key.
/// </summary>
internal static partial class YamlToJson
{
    public static JsonNode Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count != 1)
        {
            throw new FormatException($"expected one YAML document, found {stream.Documents.Count}.");
        }

        return Node(stream.Documents[0].RootNode) ?? throw new FormatException("the YAML document is empty.");
    }

    private static JsonNode? Node(YamlNode node) => node switch
    {
        YamlMappingNode map => Mapping(map),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Node).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new FormatException($"{node.Start}: unsupported YAML node {node.GetType().Name}."),
    };

    private static JsonObject Mapping(YamlMappingNode map)
    {
        var json = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            var name = key is YamlScalarNode { Value: { } text } ? text : throw new FormatException($"{key.Start}: a mapping key must be a scalar.");
            if (name == "<<")
            {
                throw new NotSupportedException($"{key.Start}: YAML merge keys are not supported by this reader.");
            }

            json.Add(name, Node(value));
        }

        return json;
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        if (Octal().Match(text) is { Success: true } octal)
        {
            return JsonValue.Create(System.Convert.ToInt64(octal.Groups["digits"].Value, 8));
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    /// <summary>Indented JSON, for failure messages.</summary>
    public static string Show(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    [GeneratedRegex("^0o?(?<digits>[0-7]+)$")]
    private static partial Regex Octal();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
