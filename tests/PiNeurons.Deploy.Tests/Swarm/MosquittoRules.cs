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
            ("set_tcp_nodelay", "true", "without it small messages wait for delayed ACKs and a hop costs milliseconds"),
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

        foreach (var problem in DynamicSecurity(config))
        {
            yield return problem;
        }

        // A listener setting in Mosquitto 2.0.11 even with per_listener_settings false (measured): one line
        // for the whole file would cover only the listener it follows.
        foreach (var (listener, settings) in Listeners(config))
        {
            var byCertificate = settings.GetValueOrDefault("use_identity_as_username") == "true";
            var clientIdIsLogin = settings.GetValueOrDefault("use_username_as_clientid") == "true";
            if (byCertificate && !clientIdIsLogin)
            {
                yield return $"listener {listener}: use_username_as_clientid must be true under the certificate listener: a certificate "
                    + "login skips the plugin's client id pin, so without it a neuron's certificate could take over another's session.";
            }
            else if (!byCertificate && clientIdIsLogin)
            {
                yield return $"listener {listener}: no use_username_as_clientid under a password listener: it makes the client id the user "
                    + "name before the plugin's pin is checked, so an operator's or the aggregator's login could hold one connection only.";
            }
        }

        var tls = TlsListeners(config).ToList();
        if (tls.Count == 0)
        {
            yield return "no TLS listener: the network listener needs cafile, certfile and keyfile from /run/secrets/ and tls_version.";
        }

        foreach (var (listener, settings) in tls)
        {
            foreach (var name in new[] { "cafile", "certfile", "keyfile" })
            {
                if (!settings.TryGetValue(name, out var path) || !path.StartsWith("/run/secrets/", StringComparison.Ordinal))
                {
                    yield return $"listener {listener}: {name} must name a Swarm secret under /run/secrets/.";
                }
            }

            if (!settings.TryGetValue("tls_version", out var version) || version is not ("tlsv1.2" or "tlsv1.3"))
            {
                yield return $"listener {listener}: tls_version must be tlsv1.2 or tlsv1.3 (no older protocol).";
            }

            if (!settings.ContainsKey("require_certificate"))
            {
                yield return $"listener {listener}: say require_certificate (false for password logins) explicitly.";
            }

            if (settings.GetValueOrDefault("use_identity_as_username") == "true" && settings.GetValueOrDefault("require_certificate") != "true")
            {
                yield return $"listener {listener}: use_identity_as_username needs require_certificate true, or a client without a certificate has no user name.";
            }
        }

        if (!tls.Any(l => l.Settings.GetValueOrDefault("require_certificate") == "false"))
        {
            yield return "no TLS listener for password logins (require_certificate false): the aggregator and the operators log in with passwords.";
        }

        if (!tls.Any(l => l.Settings.GetValueOrDefault("require_certificate") == "true" && l.Settings.GetValueOrDefault("use_identity_as_username") == "true"))
        {
            yield return "no TLS listener for certificate logins (require_certificate true and use_identity_as_username true): "
                + "neurons of `pineurons secrets --auth certificate` log in with their certificate, user = its CN.";
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

    /// <summary>The logins and rules come from the dynamic-security plugin alone, on the file of `pineurons secrets`.</summary>
    private static IEnumerable<string> DynamicSecurity(MosquittoConfig config)
    {
        var plugin = config.Directives.FirstOrDefault(d => d.Name == "plugin");
        if (plugin is null || !plugin.Value.EndsWith("/mosquitto_dynamic_security.so", StringComparison.Ordinal))
        {
            yield return "plugin must load mosquitto_dynamic_security.so: the logins, their client id pins and their rights are in its file.";
        }

        var file = config.Directives.FirstOrDefault(d => d.Name == "plugin_opt_config_file");
        if (file is null || !file.Value.StartsWith("/run/secrets/", StringComparison.Ordinal))
        {
            yield return "plugin_opt_config_file must name the Swarm secret under /run/secrets/ (dynamic-security.json of `pineurons secrets`): "
                + "without it the plugin is not activated and every login is refused.";
        }
        else if (plugin is not null && file.Line < plugin.Line)
        {
            yield return "plugin_opt_config_file must come after its plugin line: Mosquitto 2.0.11 refuses to start otherwise.";
        }

        foreach (var name in new[] { "password_file", "acl_file" }.Where(n => config.Value(n) is not null))
        {
            yield return $"{name} must go: Mosquitto consults it after the plugin, a second source of logins and rights "
                + "(an acl_file in 2.0.11 even grants every SUBSCRIBE).";
        }
    }

    /// <summary>The listeners with TLS settings, each with the settings that follow it up to the next listener.</summary>
    public static IEnumerable<(string Listener, Dictionary<string, string> Settings)> TlsListeners(MosquittoConfig config) =>
        Listeners(config).Where(l => l.Settings.ContainsKey("certfile") || l.Settings.ContainsKey("cafile") || l.Settings.ContainsKey("keyfile"));

    /// <summary>Every listener with the settings that follow it up to the next listener (the last one also gets the
    /// general settings after it, which is harmless for the listener settings looked up here).</summary>
    public static IEnumerable<(string Listener, Dictionary<string, string> Settings)> Listeners(MosquittoConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string? listener = null;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var directive in config.Directives.Append(new MosquittoConfig.Directive("listener", "", 0)))
        {
            if (directive.Name != "listener")
            {
                settings[directive.Name] = directive.Value;
                continue;
            }

            if (listener is not null)
            {
                yield return (listener, settings);
            }

            listener = directive.Value;
            settings = new Dictionary<string, string>(StringComparer.Ordinal);
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
