using System.Globalization;

namespace PiNeurons.Deploy.Tests.Swarm;

/// <summary>The settings firmware-config/mosquitto.conf must keep, each returning what is wrong.</summary>
internal static class MosquittoRules
{
    /// <summary>Mosquitto's default max_queued_messages.</summary>
    public const long DefaultMaxQueuedMessages = 1000;

    /// <summary>The largest command payload a neuron accepts (docs/protocol.md, "Bad input").</summary>
    public const long MaxCommandPayload = 64 * 1024;

    public static IEnumerable<string> RequiredSettings(MosquittoConfig config)
    {
        foreach (var (name, expected, why) in new[]
        {
            ("set_tcp_nodelay", "true", "without it small messages wait for delayed ACKs (DESIGN.md)"),
            ("allow_anonymous", "false", "every client must log in"),
            ("per_listener_settings", "false", "one set of security settings for every listener"),
            ("persistence", "true", "retained states and the aggregator's queued session must survive a restart"),
        })
        {
            var value = config.Value(name);
            if (value != expected)
            {
                yield return $"{name} must be {expected} ({why}); found {value ?? "nothing"}.";
            }
        }

        if (!config.All("listener").Any())
        {
            yield return "no explicit listener: Mosquitto 2 then listens on loopback only, where no Pi can reach it.";
        }

        if (config.Value("password_file") is not { Length: > 0 } passwordFile || !passwordFile.StartsWith("/run/secrets/", StringComparison.Ordinal))
        {
            yield return "password_file must name the Swarm secret under /run/secrets/.";
        }

        if (config.Value("persistence_location") is not { Length: > 0 } location || !location.EndsWith('/'))
        {
            yield return "persistence_location must be set and end with '/' (Mosquitto appends the file name to it).";
        }

        if (config.Value("log_dest") != "stdout")
        {
            yield return "log_dest must be stdout, where `docker service logs` reads.";
        }

        if (config.Directives.Count > 0 && config.Directives[0].Name != "per_listener_settings")
        {
            yield return "per_listener_settings must come first: it changes how the settings after it are read.";
        }
    }

    public static IEnumerable<string> QueuesHoldAnOutage(MosquittoConfig config)
    {
        var queued = Number(config, "max_queued_messages");
        if (queued is null || queued <= DefaultMaxQueuedMessages || queued == 0)
        {
            yield return $"max_queued_messages must be well above the default {DefaultMaxQueuedMessages} (and not 0, unlimited): " +
                $"the aggregator's session queues an outage's worth of events; found {queued?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}.";
        }

        if (Number(config, "max_inflight_messages") is not > 0)
        {
            yield return "max_inflight_messages must be set (and not 0, unlimited).";
        }

        if (Number(config, "max_packet_size") is not { } packet || packet <= MaxCommandPayload)
        {
            yield return $"max_packet_size must be set above the {MaxCommandPayload}-byte payload cap plus topic and properties.";
        }

        if (Number(config, "autosave_interval") is not > 0)
        {
            yield return "autosave_interval must be set (seconds), so a power cut loses a bounded amount.";
        }
    }

    private static long? Number(MosquittoConfig config, string name) =>
        long.TryParse(config.Value(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
