using System.Globalization;
using System.Text.RegularExpressions;

namespace PiNeurons.Docs.Tests.Markdown;

/// <summary>
/// Reads the markers: an HTML comment alone on its line, <c>&lt;!-- docs-test: KEYWORD ... --&gt;</c>, invisible on
/// the rendered page. Block markers (skip, background, terminals, before) sit on the lines right above a
/// fence; <c>services</c> is a file's and may stand anywhere outside a fence.
/// </summary>
internal static partial class MarkerSyntax
{
    /// <summary>The file-level keyword.</summary>
    public const string Services = "services";

    /// <summary>The services a file gets when it names none: a broker, and the XOR cluster on it.</summary>
    public static IReadOnlyList<string> DefaultServices { get; } = ["mosquitto", "xor-cluster"];

    /// <summary>Every service a file may name.</summary>
    public static IReadOnlyList<string> KnownServices { get; } = ["none", "mosquitto", "xor-cluster", "aggregator"];

    private static readonly string[] BlockKeywords = ["skip", "background", "terminals", "before"];

    /// <summary>The text after <c>docs-test:</c> when the whole line is a marker, else null.</summary>
    public static string? BodyOf(string line)
    {
        var match = MarkerLine().Match(line);
        return match.Success ? match.Groups["body"].Value : null;
    }

    /// <summary>The marker's keyword: its first word.</summary>
    public static string KeywordOf(string body) => body.Split(' ', 2)[0];

    /// <summary>The block marker that <paramref name="bodies"/> (the bodies of the marker lines above one fence) make.</summary>
    public static BlockMarker ReadBlock(IReadOnlyList<string> bodies)
    {
        var marker = BlockMarker.None;
        List<string> errors = [];
        var modes = 0;
        foreach (var body in bodies)
        {
            var words = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var rest = body.Length > words[0].Length ? body[words[0].Length..].Trim() : string.Empty;
            switch (words[0])
            {
                case "skip":
                    modes++;
                    // skip REASON, or skip REASON: why this block needs it
                    var reason = words.Length > 1 ? words[1].TrimEnd(':') : string.Empty;
                    if (!SkipReasons.All.ContainsKey(reason))
                    {
                        errors.Add($"`skip {reason}`: the reason must be one of {string.Join(", ", SkipReasons.All.Keys)}");
                    }

                    var note = words.Length > 2 ? rest[words[1].Length..].Trim() : null;
                    marker = marker with { Mode = BlockMode.Skip, SkipReason = reason, Note = note };
                    break;
                case "background":
                    modes++;
                    marker = ReadBackground(marker with { Mode = BlockMode.Background }, words.Skip(1), errors);
                    break;
                case "terminals":
                    modes++;
                    marker = marker with { Mode = BlockMode.Terminals };
                    break;
                case "before":
                    marker = marker with { Before = marker.Before is null ? rest : marker.Before + "; " + rest };
                    break;
                default:
                    errors.Add($"unknown marker `{words[0]}` (known: {string.Join(", ", BlockKeywords)}; `{Services}` is a file's)");
                    break;
            }
        }

        if (modes > 1)
        {
            errors.Add("only one of skip, background, terminals may mark a block");
        }

        return marker with { Errors = errors };
    }

    /// <summary>The services a <c>services</c> marker names, with an error for each unknown one.</summary>
    public static (IReadOnlyList<string> Names, IReadOnlyList<string> Errors) ReadServices(string body)
    {
        var names = body.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var errors = names.Where(n => !KnownServices.Contains(n))
            .Select(n => $"unknown service `{n}` (known: {string.Join(", ", KnownServices)})")
            .ToList();
        return (names, errors);
    }

    private static BlockMarker ReadBackground(BlockMarker marker, IEnumerable<string> options, List<string> errors)
    {
        foreach (var option in options)
        {
            var (name, value) = option.Split('=', 2) is [var n, var v] ? (n, v) : (option, string.Empty);
            if (name == "port" && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
            {
                marker = marker with { ReadyPort = port };
            }
            else if (name == "online" && value.Length > 0)
            {
                marker = marker with { ReadyOnline = value.Split(',', StringSplitOptions.RemoveEmptyEntries) };
            }
            else
            {
                errors.Add($"`background {option}`: the options are port=N and online=id,id,...");
            }
        }

        return marker;
    }

    [GeneratedRegex(@"^\s*<!--\s*docs-test:\s*(?<body>\S.*?)\s*-->\s*$")]
    private static partial Regex MarkerLine();
}
