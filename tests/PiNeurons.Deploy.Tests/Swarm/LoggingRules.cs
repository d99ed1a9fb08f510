using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static PiNeurons.Deploy.Tests.Swarm.StackRules;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// Where a service's log goes. Docker's default json-file driver keeps every line forever, and on a Pi that is the
/// SD card: each service must name json-file with a size per file and a number of files. Returns what is wrong.
/// </summary>
internal static partial class LoggingRules
{
    public static IEnumerable<string> EveryServiceCapsItsLog(JsonNode stack)
    {
        foreach (var (name, service) in Services(stack))
        {
            var logging = service["logging"];
            if (logging is null)
            {
                yield return $"services.{name}.logging is missing: Docker's default json-file log grows until the disk is full.";
                continue;
            }

            if (Text(logging["driver"]) != "json-file")
            {
                yield return $"services.{name}.logging.driver must be json-file (what `docker service logs` reads), not '{Text(logging["driver"])}'.";
            }

            var size = Text(logging["options"]?["max-size"]);
            if (size is null || !Size().IsMatch(size))
            {
                yield return $"services.{name}.logging.options.max-size '{size}' must be a size such as 10m: without it one file grows without end.";
            }

            var files = Text(logging["options"]?["max-file"]);
            if (files is null || !int.TryParse(files, out var count) || count < 1)
            {
                yield return $"services.{name}.logging.options.max-file '{files}' must be a number of files such as \"3\".";
            }
        }
    }

    [GeneratedRegex("^[1-9][0-9]*[kmg]$")]
    private static partial Regex Size();
}
