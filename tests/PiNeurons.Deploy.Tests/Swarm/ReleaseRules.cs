using System.Text.Json.Nodes;
using static PiNeurons.Deploy.Tests.Swarm.StackRules;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// How a new release reaches the Swarm: the aggregator's image named by version, and every service's update watched
/// for as long as its healthcheck needs to fail, then undone the way it was done. Each rule returns what is wrong.
/// </summary>
internal static class ReleaseRules
{
    /// <summary>Docker's healthcheck defaults, for a check that leaves them out.</summary>
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);
    private const long DefaultRetries = 3;

    /// <summary>The aggregator's tag, with no variable set, is the project's version: never <c>latest</c>, which names
    /// whatever was pushed last, gives a rollback nothing to return to, and is not what a build of this checkout tags.</summary>
    public static IEnumerable<string> AggregatorImageIsPinnedToTheVersion(JsonNode stack, string version)
    {
        var image = Text(Service(stack, StackRules.Aggregator)?["image"]) ?? "";
        var filled = ComposeVariables.Fill(image, new Dictionary<string, string>());
        var colon = filled.LastIndexOf(':');
        var tag = colon > filled.LastIndexOf('/') ? filled[(colon + 1)..] : "latest";
        if (tag != version)
        {
            yield return $"services.aggregator.image '{image}': with no variable set its tag is '{tag}', not {version}, the <Version> of Directory.Build.props.";
        }
    }

    /// <summary>An update that fails is rolled back, the monitor outlasts the healthcheck's start period and its retries
    /// (or an unhealthy new task is found too late to count), and the rollback goes in the update's order: the reason a
    /// service updates stop-first (a port, a file, a session one task at a time) holds on the way back too.</summary>
    public static IEnumerable<string> EveryServiceRollsBackAsItUpdates(JsonNode stack)
    {
        foreach (var (name, service) in Services(stack))
        {
            var update = service["deploy"]?["update_config"];
            var rollback = service["deploy"]?["rollback_config"];
            if (Text(update?["failure_action"]) != "rollback")
            {
                yield return $"services.{name}.deploy.update_config.failure_action must be rollback.";
            }

            var check = service["healthcheck"];
            var needed = (GoDuration.Parse(Text(check?["start_period"])) ?? TimeSpan.Zero)
                + ((GoDuration.Parse(Text(check?["interval"])) ?? DefaultInterval) * (Long(check?["retries"]) ?? DefaultRetries));
            var monitor = GoDuration.Parse(Text(update?["monitor"]));
            if (monitor is null || monitor < needed)
            {
                yield return $"services.{name}.deploy.update_config.monitor '{Text(update?["monitor"])}' must cover the healthcheck's start period and retries ({needed.TotalSeconds} s).";
            }

            if (rollback is null)
            {
                yield return $"services.{name}.deploy.rollback_config is missing: Swarm's default rollback is not the update's order.";
                continue;
            }

            foreach (var key in new[] { "order", "parallelism" })
            {
                if (rollback[key]?.ToJsonString() != update?[key]?.ToJsonString())
                {
                    yield return $"services.{name}.deploy.rollback_config.{key} must be the update_config's ({update?[key]?.ToJsonString() ?? "unset"}).";
                }
            }
        }
    }
}
