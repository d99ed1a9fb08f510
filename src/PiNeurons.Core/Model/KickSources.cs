namespace PiNeurons.Core.Model;

/// <summary>The names of kick sources that are not upstream neurons (docs/protocol.md, "Kicks that do not come over MQTT").</summary>
public static class KickSources
{
    /// <summary>The neuron's own push button.</summary>
    public const string Button = "button";

    /// <summary>An MQTT kick with an empty payload.</summary>
    public const string External = "external";

    /// <summary>The <c>from</c> of a <c>fired</c> event caused by the <c>fire</c> command.</summary>
    public const string Fire = "fire";

    /// <summary>Prefix of a sensor source: <c>sensor:&lt;name&gt;</c>.</summary>
    public const string SensorPrefix = "sensor:";

    /// <summary>The source name for sensor <paramref name="name"/>.</summary>
    public static string Sensor(string name) => SensorPrefix + name;

    /// <summary>True for sources that count with weight 1 unless <c>weights</c> names them.</summary>
    public static bool IsNonNeuronSource(string source) =>
        source == Button || source == External || source.StartsWith(SensorPrefix, StringComparison.Ordinal);

    /// <summary>True when <paramref name="source"/> may be a kick's <c>from</c> or a key of <c>weights</c>:
    /// a neuron id, or <c>sensor:</c> followed by a valid id.</summary>
    public static bool IsValid(string source) =>
        Protocol.NeuronId.IsValid(source)
        || (source.StartsWith(SensorPrefix, StringComparison.Ordinal)
            && Protocol.NeuronId.IsValid(source.AsSpan(SensorPrefix.Length)));
}
