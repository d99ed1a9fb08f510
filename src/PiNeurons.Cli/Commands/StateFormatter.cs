using System.Globalization;
using PiNeurons.Core.Learning;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Cli.Commands;

/// <summary>
/// A neuron's state as aligned <c>name  value</c> lines. The names are the JSON field names, so what
/// <c>query</c> shows is what <c>set</c> takes (<c>threshold=0.9</c>, <c>weights.x=1</c>).
/// </summary>
internal static class StateFormatter
{
    private const int NameWidth = 21;

    public static IEnumerable<string> Format(StateMessage state, WatchLineFormatter events)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(events);
        yield return Line("id", state.Id);
        yield return Line("output", Number(state.Output));
        yield return Line("potential", Number(state.Potential));
        yield return Line("firedCount", Number(state.FiredCount));
        yield return Line("lastFiredAt", state.LastFiredAt is { } at
            ? $"{events.FormatTime(at)}  ({at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)})"
            : "never");
        foreach (var line in FormatConfig(state.Config))
        {
            yield return line;
        }

        if (state.Log is { } log)
        {
            yield return Line("log", log.Count == 0 ? "(empty)" : $"{log.Count} events, oldest first");
            foreach (var e in log)
            {
                yield return "  " + events.FormatEvent(e);
            }
        }
    }

    public static IEnumerable<string> FormatConfig(PiNeurons.Core.Model.NeuronConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        yield return Line("threshold", Number(config.Threshold));
        yield return Line("weights", config.Weights.Count == 0
            ? "none"
            : string.Join(", ", config.Weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key}={Number(w.Value)}")));
        yield return Line("connections", config.Connections.Count == 0 ? "none" : string.Join(", ", config.Connections));
        yield return Line("refractoryMs", Number(config.RefractoryMs));
        yield return Line("inputLastingMs", Number(config.InputLastingMs));
        yield return Line("integrationWindowMs", Number(config.IntegrationWindowMs));
        yield return Line("maxHops", Number(config.MaxHops));
        yield return Line("maxFiresPerSecond", Number(config.MaxFiresPerSecond));
        yield return Line("learning", Learning(config.Learning));
    }

    // "perceptron  rate=0.1 teachWindowMs=5000 maxWeight=10": the names set takes as learning.<name>=<value>.
    private static string Learning(LearningConfig learning)
    {
        var rule = LearningConfig.WireName(learning.Rule);
        var json = System.Text.Json.JsonSerializer.SerializeToElement(learning, ProtocolJsonContext.Default.LearningConfig);
        var parameters = json.EnumerateObject().Where(p => p.Name != "rule").Select(p => $"{p.Name}={p.Value.GetRawText()}").ToList();
        return parameters.Count == 0 ? rule : $"{rule}  {string.Join(' ', parameters)}";
    }

    private static string Line(string name, string value) => name.PadRight(NameWidth) + value;

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
