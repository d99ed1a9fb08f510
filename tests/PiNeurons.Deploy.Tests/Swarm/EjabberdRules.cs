using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static PiNeurons.Deploy.Tests.Swarm.StackRules;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// What deploy/swarm/stack.ejabberd.yml must keep beyond the rules every stack keeps: its ejabberd services form one
/// cluster, each gets what deploy/ejabberd/ejabberd.yml names, and the aggregator knows every node. Each rule returns
/// what is wrong. A mistake here shows only on the Swarm, as a node that never joins or a broker that never starts.
/// </summary>
internal static partial class EjabberdRules
{
    /// <summary>Where the ejabberd/ecs image reads its config and keeps its database and its user's home.</summary>
    public const string ConfigTarget = "/home/ejabberd/conf/ejabberd.yml";
    public const string DatabaseTarget = "/home/ejabberd/database";
    public const string CookieTarget = "/home/ejabberd/.erlang.cookie";

    /// <summary>The ejabberd services, in file order: those that run the ejabberd/ecs image.</summary>
    public static IReadOnlyList<(string Name, JsonNode Service)> Nodes(JsonNode stack) =>
        [.. Services(stack).Where(s => Text(s.Service["image"])?.StartsWith("ejabberd/ecs", StringComparison.Ordinal) == true)];

    /// <summary>Two nodes or more, each on a pinned image, named ejabberd@&lt;its service&gt;, every one but the first
    /// joining the first's cluster when its database is created.</summary>
    public static IEnumerable<string> NodesArePinnedAndJoinTheFirst(JsonNode stack)
    {
        var nodes = Nodes(stack);
        if (nodes.Count < 2)
        {
            yield return $"a cluster needs two ejabberd/ecs services or more; found {nodes.Count}.";
            yield break;
        }

        var first = $"ejabberd@{nodes[0].Name}";
        foreach (var (name, service) in nodes)
        {
            if (!Pinned().IsMatch(Text(service["image"]) ?? ""))
            {
                yield return $"services.{name}.image '{Text(service["image"])}' must be pinned to one ejabberd/ecs release (ejabberd/ecs:23.01).";
            }

            if (Text(service["hostname"]) != name || Text(service["environment"]?["ERLANG_NODE_ARG"]) != $"ejabberd@{name}")
            {
                yield return $"services.{name}: hostname must be '{name}' and environment.ERLANG_NODE_ARG 'ejabberd@{name}': the other nodes reach it by that name.";
            }

            var join = Text(service["environment"]?["CTL_ON_CREATE"]);
            var expected = name == nodes[0].Name ? null : $"join_cluster {first}";
            if (join != expected)
            {
                yield return $"services.{name}.environment.CTL_ON_CREATE must be {(expected is null ? "unset (the cluster's first node)" : $"'{expected}'")}, not '{join}'.";
            }

            if (Text(service["deploy"]?["endpoint_mode"]) != "dnsrr")
            {
                yield return $"services.{name}.deploy.endpoint_mode must be dnsrr: the Erlang distribution and epmd do not pass a virtual IP.";
            }
        }
    }

    /// <summary>Each node gets deploy/ejabberd/ejabberd.yml where the image reads it, every file that config names under
    /// /etc/ejabberd/ as a secret its ejabberd user (uid 9000) alone may read, the cluster's cookie, a named volume for
    /// its database, and its listener's port published in host mode.</summary>
    public static IEnumerable<string> NodesGiveTheConfigWhatItNames(JsonNode stack, string config)
    {
        var files = ConfigFile().Matches(WithoutComments(config)).Select(m => m.Value).Distinct().ToList();
        var port = ListenPort().Match(config) is { Success: true } m ? m.Groups["port"].Value : "?";
        foreach (var (name, service) in Nodes(stack))
        {
            var mounted = References(service, "configs").FirstOrDefault(c => c.Target == ConfigTarget).Source;
            // The file is relative to the stack's folder, deploy/swarm.
            var configFile = Text(stack["configs"]?[mounted ?? ""]?["file"]);
            if (mounted is null || configFile is null || Path.GetFullPath(Path.Combine("/repo/deploy/swarm", configFile)) != "/repo/deploy/ejabberd/ejabberd.yml")
            {
                yield return $"services.{name}.configs must mount deploy/ejabberd/ejabberd.yml at {ConfigTarget}.";
            }

            var secrets = (service["secrets"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            foreach (var file in files.Append(CookieTarget))
            {
                var secret = secrets.FirstOrDefault(s => Text(s["target"]) == file);
                if (secret is null || Text(secret["uid"]) != "9000" || Long(secret["mode"]) != Convert.ToInt64("400", 8))
                {
                    yield return $"services.{name}.secrets must provide {file}, uid 9000, mode 0400.";
                }
            }

            if (!Volumes(service).Any(v => v.Named && v.Target == DatabaseTarget))
            {
                yield return $"services.{name}.volumes must put a named volume at {DatabaseTarget}, or the users and the cluster die with the task.";
            }

            if (!(service["ports"] as JsonArray ?? []).Any(p => Text(p?["target"]) == port && Text(p?["published"]) == port && Text(p?["mode"]) == "host"))
            {
                yield return $"services.{name}.ports must publish ejabberd.yml's listener {port} on the same port in host mode.";
            }
        }
    }

    /// <summary>The aggregator's --broker lists every node's TLS listener by its service name, and it trusts the cluster CA.</summary>
    public static IEnumerable<string> AggregatorKnowsEveryNode(JsonNode stack, string config)
    {
        var args = (Service(stack, StackRules.Aggregator)?["command"] as JsonArray)?.Select(Text).OfType<string>().ToArray() ?? [];
        var at = Array.IndexOf(args, "--broker");
        var brokers = at >= 0 && at + 1 < args.Length ? args[at + 1].Split(',') : [];
        var port = ListenPort().Match(config) is { Success: true } m ? m.Groups["port"].Value : "?";
        var expected = Nodes(stack).Select(n => $"mqtts://{n.Name}:{port}").ToArray();
        if (!brokers.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal)))
        {
            yield return $"services.aggregator.command: --broker '{string.Join(',', brokers)}' must list every ejabberd node: {string.Join(',', expected)}.";
        }

        if (!args.Contains("--ca-file"))
        {
            yield return "services.aggregator.command needs --ca-file, the cluster CA the broker certificate chains to.";
        }
    }

    private static string WithoutComments(string config) =>
        string.Join('\n', config.Split('\n').Select(l => l.Contains('#', StringComparison.Ordinal) ? l[..l.IndexOf('#', StringComparison.Ordinal)] : l));

    private static IEnumerable<(string Source, string Target)> References(JsonNode service, string kind) =>
        (service[kind] as JsonArray ?? []).Select(i => (Text(i) ?? Text(i?["source"]) ?? "", Text(i?["target"]) ?? Text(i) ?? Text(i?["source"]) ?? ""));

    private static IEnumerable<(string Target, bool Named)> Volumes(JsonNode service) =>
        (service["volumes"] as JsonArray ?? []).Select(Text).OfType<string>().Select(v => v.Split(':'))
            .Where(p => p.Length >= 2).Select(p => (p[1], !p[0].StartsWith('/') && !p[0].StartsWith('.')));

    [GeneratedRegex(@"^ejabberd/ecs:\d+\.\d+(\.\d+)?$")]
    private static partial Regex Pinned();

    [GeneratedRegex(@"/etc/ejabberd/pineurons/[A-Za-z0-9._-]+")]
    private static partial Regex ConfigFile();

    [GeneratedRegex(@"^\s*-\s*port:\s*(?<port>\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ListenPort();
}
