using System.Globalization;
using System.Text.RegularExpressions;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>The durations of a stack file (<c>30s</c>, <c>1m30s</c>, <c>500ms</c>), which Docker reads with Go's
/// <c>time.ParseDuration</c>.</summary>
internal static partial class GoDuration
{
    /// <summary>The duration, or null when <paramref name="text"/> is not one.</summary>
    public static TimeSpan? Parse(string? text)
    {
        var match = text is null ? null : Duration().Match(text);
        if (match is not { Success: true })
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = Unit().Match(part.Value);
            var amount = double.Parse(unit.Groups["n"].Value, CultureInfo.InvariantCulture);
            total += unit.Groups["u"].Value switch
            {
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "ms" => TimeSpan.FromMilliseconds(amount),
                "us" or "µs" => TimeSpan.FromMicroseconds(amount),
                _ => TimeSpan.FromTicks((long)(amount / 100)),
            };
        }

        return total;
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$")]
    private static partial Regex Duration();

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)(?<u>\D+)$")]
    private static partial Regex Unit();
}
