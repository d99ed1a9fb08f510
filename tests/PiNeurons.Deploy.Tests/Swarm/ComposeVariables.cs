using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// The variables of a stack file as <c>docker stack deploy</c> fills them in from the environment: <c>${NAME}</c>,
/// <c>${NAME:-default}</c> (the default when unset or empty), <c>${NAME-default}</c> (when unset) and <c>$NAME</c>;
/// <c>$$</c> is a literal dollar (the healthchecks' shell).
/// </summary>
internal static partial class ComposeVariables
{
    /// <summary>Every variable the strings of <paramref name="stack"/> use, in order of first use.</summary>
    public static IReadOnlyList<string> Names(JsonNode stack) =>
        [.. Strings(stack).SelectMany(s => Variable().Matches(s)).Where(m => !m.Groups["dollar"].Success).Select(m => m.Groups["name"].Value).Distinct()];

    /// <summary><paramref name="text"/> with its variables taken from <paramref name="environment"/>, or their defaults.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> environment) =>
        Variable().Replace(text, m =>
        {
            if (m.Groups["dollar"].Success)
            {
                return "$";
            }

            var set = environment.TryGetValue(m.Groups["name"].Value, out var value);
            var fallback = m.Groups["default"].Success ? m.Groups["default"].Value : string.Empty;
            return m.Groups["op"].Value switch
            {
                ":-" => string.IsNullOrEmpty(value) ? fallback : value,
                "-" => set ? value! : fallback,
                _ => value ?? string.Empty,
            };
        });

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    [GeneratedRegex(@"(?<dollar>\$\$)|\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:?-)(?<default>[^}]*))?\}|\$(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Variable();
}
