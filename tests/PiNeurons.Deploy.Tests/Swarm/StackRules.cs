using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>
/// What the Swarm stack must keep beyond the Compose schema, each rule returning what is wrong
/// (nothing when it holds). The schema says a file is a Compose file; these say it is ours: a
/// mistake here shows up only on the Swarm, as a task that never starts or a store that loses data.
/// </summary>
internal static partial class StackRules
{
    public const string Aggregator = "aggregator";
    public const string Mosquitto = "mosquitto";

    /// <summary>Extension key a service without a healthcheck must carry, saying why.</summary>
    public const string HealthcheckWaiver = "x-healthcheck-waiver";

    /// <summary>Swarm replaces an unhealthy task only if it knows how to tell.</summary>
    public static IEnumerable<string> EveryServiceHasAHealthcheck(JsonNode stack)
    {
        foreach (var (name, service) in Services(stack))
        {
            var check = service["healthcheck"];
            var disabled = check?["disable"] is JsonValue d && d.TryGetValue<bool>(out var off) && off;
            var test = check?["test"];
            var hasTest = test is JsonArray { Count: > 0 } array ? Text(array[0]) != "NONE" : test is JsonValue;
            if ((!hasTest || disabled) && string.IsNullOrWhiteSpace(Text(service[HealthcheckWaiver])))
            {
                yield return $"services.{name}: no healthcheck test, and no {HealthcheckWaiver} saying why.";
            }
        }
    }

    /// <summary>SQLite has one writer: one aggregator, replaced stop-first.</summary>
    public static IEnumerable<string> AggregatorIsASingleWriterReplacedStopFirst(JsonNode stack)
    {
        var deploy = Service(stack, Aggregator)?["deploy"];
        if (Long(deploy?["replicas"]) != 1)
        {
            yield return "services.aggregator.deploy.replicas must be 1: SQLite has a single writer (several replicas: stack.postgres.yml).";
        }

        if (Text(deploy?["update_config"]?["order"]) != "stop-first")
        {
            yield return "services.aggregator.deploy.update_config.order must be stop-first: start-first runs two aggregators " +
                "on the same events.db and the same persistent MQTT session during an update.";
        }

        if (deploy?["rollback_config"] is { } rollback && Text(rollback["order"]) != "stop-first")
        {
            yield return "services.aggregator.deploy.rollback_config.order must be stop-first, like update_config.";
        }
    }

    /// <summary>A service may only use the configs and secrets the file declares.</summary>
    public static IEnumerable<string> ConfigAndSecretReferencesAreDeclared(JsonNode stack)
    {
        foreach (var kind in new[] { "configs", "secrets" })
        {
            var declared = stack[kind] as JsonObject;
            foreach (var (name, service) in Services(stack))
            {
                foreach (var (source, _) in References(service, kind))
                {
                    if (declared is null || !declared.ContainsKey(source))
                    {
                        yield return $"services.{name}.{kind}: '{source}' is not declared under the top-level {kind}.";
                    }
                }
            }
        }
    }

    /// <summary>A config read from a file must name a file of the repository.</summary>
    public static IEnumerable<string> ConfigFilesExist(JsonNode stack, string stackDirectory)
    {
        foreach (var (name, config) in Entries(stack["configs"]))
        {
            if (Text(config?["file"]) is { } file && !File.Exists(Path.GetFullPath(Path.Combine(stackDirectory, file))))
            {
                yield return $"configs.{name}.file: {file} does not exist (relative to {stackDirectory}).";
            }
        }
    }

    /// <summary>Named volumes must be declared, or the stack is refused at deploy time.</summary>
    public static IEnumerable<string> NamedVolumesAreDeclared(JsonNode stack)
    {
        var declared = stack["volumes"] as JsonObject;
        foreach (var (name, service) in Services(stack))
        {
            foreach (var (source, _, _) in Volumes(service).Where(v => v.Named))
            {
                if (declared is null || !declared.ContainsKey(source))
                {
                    yield return $"services.{name}.volumes: named volume '{source}' is not declared under the top-level volumes.";
                }
            }
        }
    }

    /// <summary>Local volumes and the broker's host-mode port tie each service to a node.</summary>
    public static IEnumerable<string> EveryServiceIsPlaced(JsonNode stack)
    {
        foreach (var (name, service) in Services(stack))
        {
            if (service["deploy"]?["placement"]?["constraints"] is not JsonArray { Count: > 0 } constraints
                || constraints.Any(c => !Text(c)?.StartsWith("node.", StringComparison.Ordinal) ?? true))
            {
                yield return $"services.{name}.deploy.placement.constraints: none, or not on node.* (the service's local volume " +
                    "would be created empty on whichever node the task lands).";
            }
        }
    }

    /// <summary>The aggregator's arguments must point at what the stack mounts and publishes;
    /// `command` replaces the image's CMD, so nothing comes from the image.</summary>
    public static IEnumerable<string> AggregatorCommandMatchesItsMounts(JsonNode stack)
    {
        var service = Service(stack, Aggregator);
        var args = (service?["command"] as JsonArray)?.Select(Text).OfType<string>().ToArray() ?? [];
        if (args.Length == 0)
        {
            yield return "services.aggregator.command must be a list of arguments.";
            yield break;
        }

        var stateDir = Option(args, "--state-dir");
        if (stateDir is null || !Volumes(service!).Any(v => v.Target == stateDir))
        {
            yield return $"services.aggregator.command: --state-dir '{stateDir}' must be the target of a volume, or events.db dies with the task.";
        }

        var secretTargets = References(service!, "secrets").Select(r => "/run/secrets/" + r.Target).ToHashSet();
        foreach (var (option, value) in FileOptions(args).Where(o => o.Value.StartsWith("/run/secrets/", StringComparison.Ordinal)))
        {
            if (!secretTargets.Contains(value))
            {
                yield return $"services.aggregator.command: {option} {value} is not a secret of the service.";
            }
        }

        var port = Option(args, "--urls") is { } urls && UrlPort().Match(urls) is { Success: true } m ? m.Groups["port"].Value : null;
        if (port is null || !Ports(service!).Contains(port))
        {
            yield return $"services.aggregator: the --urls port '{port}' is not a published target port.";
        }

        var check = string.Join(' ', (service!["healthcheck"]?["test"] as JsonArray)?.Select(Text) ?? []);
        if (port is null || !check.Contains($"/dev/tcp/127.0.0.1/{port} ", StringComparison.Ordinal) || !check.Contains("/healthz", StringComparison.Ordinal))
        {
            yield return $"services.aggregator.healthcheck must GET /healthz on the --urls port {port}: {check}";
        }
    }

    /// <summary>The aggregator refuses to start when it would send its password in clear text to another
    /// machine (plain <c>mqtt://</c>) without <c>--insecure</c>: a stack file that forgets it never comes up.</summary>
    public static IEnumerable<string> AggregatorPasswordTransportIsAllowed(JsonNode stack)
    {
        var args = (Service(stack, Aggregator)?["command"] as JsonArray)?.Select(Text).OfType<string>().ToArray() ?? [];
        var broker = Option(args, "--broker") ?? string.Empty;
        var host = broker.StartsWith("mqtt://", StringComparison.Ordinal) ? broker["mqtt://".Length..].Split(':')[0] : null;
        if (host is not null and not ("127.0.0.1" or "localhost") && Option(args, "--password-file") is not null && !args.Contains("--insecure"))
        {
            yield return $"services.aggregator.command: a password over plain {broker} needs --insecure (or an mqtts:// broker with --ca-file).";
        }
    }

    /// <summary>The broker's service must give mosquitto.conf what it names: its dynamic-security file,
    /// its persistence directory and its listener port.</summary>
    public static IEnumerable<string> MosquittoServiceMatchesItsConfig(JsonNode stack, MosquittoConfig config)
    {
        var service = Service(stack, Mosquitto);
        if (service is null)
        {
            yield return "services.mosquitto is missing.";
            yield break;
        }

        if (!Regex.IsMatch(Text(service["image"]) ?? "", @"^eclipse-mosquitto:2\.0\.\d+$"))
        {
            yield return $"services.mosquitto.image '{Text(service["image"])}' must be pinned to one eclipse-mosquitto 2.0.x release.";
        }

        var configs = References(service, "configs").ToArray();
        var mounted = configs.FirstOrDefault(c => c.Target == "/mosquitto/config/mosquitto.conf").Source;
        if (mounted is null || Text(stack["configs"]?[mounted]?["file"])?.Replace('\\', '/').EndsWith("firmware-config/mosquitto.conf", StringComparison.Ordinal) != true)
        {
            yield return "services.mosquitto.configs must mount firmware-config/mosquitto.conf at /mosquitto/config/mosquitto.conf (the image's -c path).";
        }

        var dynamicSecurity = config.Value("plugin_opt_config_file");
        if (dynamicSecurity is null || !References(service, "secrets").Any(s => "/run/secrets/" + s.Target == dynamicSecurity))
        {
            yield return $"services.mosquitto.secrets must provide plugin_opt_config_file {dynamicSecurity} of mosquitto.conf.";
        }

        var persistence = config.Value("persistence_location")?.TrimEnd('/');
        if (persistence is null || !Volumes(service).Any(v => v.Named && v.Target.TrimEnd('/') == persistence))
        {
            yield return $"services.mosquitto.volumes must put a named volume at persistence_location {persistence}.";
        }

        var listeners = config.All("listener").Select(l => l.Split(' ')[0]).ToArray();
        var hostPorts = (service["ports"] as JsonArray ?? [])
            .Where(p => Text(p?["mode"]) == "host" && Text(p?["target"]) == Text(p?["published"]))
            .Select(p => Text(p?["target"]))
            .ToArray();
        // The network listener is TLS; a plain one may exist for the stack's own network, never published.
        var tls = MosquittoRules.TlsListeners(config).Select(l => l.Listener.Split(' ')[0]).ToArray();
        var published = (service["ports"] as JsonArray ?? []).Select(p => Text(p?["target"])).ToArray();
        if (tls.Length == 0 || !tls.All(hostPorts.Contains))
        {
            yield return $"services.mosquitto.ports must publish every TLS listener ({string.Join(", ", tls)}) on the same port in host mode; got {string.Join(", ", hostPorts)}.";
        }

        foreach (var plain in listeners.Except(tls).Where(published.Contains))
        {
            yield return $"services.mosquitto.ports publishes the plain listener {plain}: MQTT passwords would cross the network in clear.";
        }

        foreach (var file in MosquittoRules.TlsListeners(config).SelectMany(l => new[] { "cafile", "certfile", "keyfile" }.Select(n => l.Settings.GetValueOrDefault(n)))
            .OfType<string>()
            .Where(f => !References(service, "secrets").Any(r => "/run/secrets/" + r.Target == f)))
        {
            yield return $"services.mosquitto.secrets must provide {file} of mosquitto.conf.";
        }
    }

    /// <summary>The broker's healthcheck must log in on a listener of mosquitto.conf with a password the service has as a
    /// secret: without its dynamic-security file Mosquitto runs and listens but refuses every login, which a TCP connect
    /// would call healthy.</summary>
    public static IEnumerable<string> MosquittoHealthcheckLogsIn(JsonNode stack, MosquittoConfig config)
    {
        var service = Service(stack, Mosquitto);
        var check = string.Join(' ', (service?["healthcheck"]?["test"] as JsonArray)?.Skip(1).Select(Text) ?? []);
        var words = check.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var port = Option(words, "-p");
        var listeners = config.All("listener").Select(l => l.Split(' ')[0]);
        var secrets = service is null ? [] : References(service, "secrets").Select(r => "/run/secrets/" + r.Target).ToHashSet();
        if (words.FirstOrDefault() is not ("mosquitto_pub" or "mosquitto_sub") || port is null || !listeners.Contains(port)
            || Option(words, "-u") is null || !secrets.Any(s => check.Contains($"-P \"$$(cat {s})\"", StringComparison.Ordinal)))
        {
            yield return "services.mosquitto.healthcheck must log in (mosquitto_pub or mosquitto_sub -p <a listener of mosquitto.conf> -u USER "
                + $"-P \"$$(cat /run/secrets/<a secret of the service>)\"): a broker without its dynamic-security file listens but refuses everyone. Got: {check}";
        }
    }

    /// <summary>The PostgreSQL override: several replicas, each told where the database is and which
    /// shared subscription group to join.</summary>
    public static IEnumerable<string> PostgresOverrideSharesTheStream(JsonNode overrideFile)
    {
        var service = Service(overrideFile, Aggregator);
        var args = (service?["command"] as JsonArray)?.Select(Text).OfType<string>().ToArray() ?? [];
        var postgres = Option(args, "--postgres-file");
        if (postgres is null || !References(service!, "secrets").Any(s => "/run/secrets/" + s.Target == postgres))
        {
            yield return $"services.aggregator: --postgres-file '{postgres}' must be a secret of the service.";
        }

        if (string.IsNullOrEmpty(Option(args, "--shared-group")))
        {
            yield return "services.aggregator: several replicas need --shared-group to split the events, or each receives every event (the database keeping one copy).";
        }

        if (Long(service?["deploy"]?["replicas"]) is not > 1)
        {
            yield return "services.aggregator.deploy.replicas: the PostgreSQL override exists to run more than one.";
        }
    }

    public static IEnumerable<(string Name, JsonNode Service)> Services(JsonNode stack) =>
        Entries(stack["services"]).Where(e => e.Value is not null).Select(e => (e.Key, e.Value!));

    public static JsonNode? Service(JsonNode stack, string name) => stack["services"]?[name];

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Entries(JsonNode? node) =>
        node as JsonObject ?? [];

    internal static string? Text(JsonNode? node) => node is JsonValue value ? value.ToString() : null;

    internal static long? Long(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number) ? number : null;

    /// <summary>Short (<c>- name</c>) and long (<c>- source: name</c>) references; the target
    /// defaults to the source, as Swarm does for secrets.</summary>
    private static IEnumerable<(string Source, string Target)> References(JsonNode service, string kind)
    {
        foreach (var item in service[kind] as JsonArray ?? [])
        {
            if (Text(item) is { } shortForm)
            {
                yield return (shortForm, shortForm);
            }
            else if (Text(item?["source"]) is { } source)
            {
                yield return (source, Text(item?["target"]) ?? source);
            }
        }
    }

    private static IEnumerable<(string Source, string Target, bool Named)> Volumes(JsonNode service)
    {
        foreach (var item in service["volumes"] as JsonArray ?? [])
        {
            if (Text(item) is { } shortForm)
            {
                var parts = shortForm.Split(':');
                var named = parts.Length >= 2 && !parts[0].StartsWith('/') && !parts[0].StartsWith('.') && !parts[0].StartsWith('~');
                yield return (parts[0], parts.Length >= 2 ? parts[1] : parts[0], named);
            }
            else if (item is JsonObject)
            {
                yield return (Text(item["source"]) ?? "", Text(item["target"]) ?? "", Text(item["type"]) == "volume" && Text(item["source"]) is not null);
            }
        }
    }

    private static IEnumerable<string> Ports(JsonNode service) =>
        (service["ports"] as JsonArray ?? []).Select(p => Text(p?["target"]) ?? Text(p)?.Split(':')[^1]).OfType<string>();

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static IEnumerable<(string Option, string Value)> FileOptions(string[] args)
    {
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].EndsWith("-file", StringComparison.Ordinal))
            {
                yield return (args[i], args[i + 1]);
            }
        }
    }

    [GeneratedRegex(@"^[a-z]+://[^:/]+:(?<port>\d+)")]
    private static partial Regex UrlPort();
}
