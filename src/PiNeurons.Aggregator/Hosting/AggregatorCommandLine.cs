using PiNeurons.Core.Configuration;

namespace PiNeurons.Aggregator.Hosting;

/// <summary>
/// The aggregator's command line: <c>--name value</c> options mapped onto configuration keys. Parsed by
/// hand so that a typo is an error rather than a silently ignored configuration key.
/// </summary>
public static class AggregatorCommandLine
{
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        ["--broker"] = Key(nameof(AggregatorOptions.Broker)),
        ["--root"] = Key(nameof(AggregatorOptions.Root)),
        ["--client-id"] = Key(nameof(AggregatorOptions.ClientId)),
        ["--session-expiry"] = Key(nameof(AggregatorOptions.SessionExpirySeconds)),
        ["--state-dir"] = Key(nameof(AggregatorOptions.StateDir)),
        ["--db"] = Key(nameof(AggregatorOptions.Db)),
        ["--postgres"] = Key(nameof(AggregatorOptions.Postgres)),
        ["--postgres-file"] = Key(nameof(AggregatorOptions.PostgresFile)),
        ["--shared-group"] = Key(nameof(AggregatorOptions.SharedGroup)),
        ["--username"] = Key(nameof(AggregatorOptions.Username)),
        ["--password-file"] = Key(nameof(AggregatorOptions.PasswordFile)),
        ["--ca-file"] = Key(nameof(AggregatorOptions.CaFile)),
        ["--cert-file"] = Key(nameof(AggregatorOptions.CertFile)),
        ["--key-file"] = Key(nameof(AggregatorOptions.KeyFile)),
        ["--insecure"] = Key(nameof(AggregatorOptions.Insecure)),
        ["--operator-token-file"] = Key(nameof(AggregatorOptions.OperatorTokenFile)),
        ["--viewer-token-file"] = Key(nameof(AggregatorOptions.ViewerTokenFile)),
        ["--retention-days"] = Key(nameof(AggregatorOptions.RetentionDays)),
        ["--retention-max-mb"] = Key(nameof(AggregatorOptions.RetentionMaxMb)),
        // ASP.NET Core's own settings, passed through as they are.
        ["--urls"] = "urls",
        ["--environment"] = "environment",
        ["--contentRoot"] = "contentRoot",
        ["--applicationName"] = "applicationName",
    };

    /// <summary>The text of <c>--help</c>.</summary>
    public const string Help = """
        PiNeurons aggregator: stores every neuron's events and serves the live network page, the HTTP API
        and Prometheus metrics.

        Usage:
          PiNeurons.Aggregator [--broker URL] [--urls URLS] [options]

        Options:
          --broker URL              MQTT broker, mqtt://host[:port] or mqtts://host[:port]
                                    (default mqtt://127.0.0.1:1883)
          --urls URLS               where to serve HTTP (default http://localhost:5000), e.g. http://0.0.0.0:8080
          --root ROOT               MQTT topic root (default pineurons)
          --state-dir DIR           where the SQLite history lives (default: systemd's STATE_DIRECTORY,
                                    else ./aggregator-state)
          --db FILE                 SQLite database file (default <state-dir>/events.db)
          --postgres CONN           store in PostgreSQL instead (a connection string); prefer --postgres-file
          --postgres-file FILE      file holding the PostgreSQL connection string
          --shared-group NAME       share the event ingest with other replicas (MQTT 5 $share/NAME/...);
                                    needs PostgreSQL, so that every replica sees one history
          --client-id ID            MQTT client id of the persistent session (default pineurons-aggregator,
                                    or pineurons-aggregator-<hostname> with --shared-group)
          --session-expiry SECONDS  how long the broker queues events while the aggregator is away
                                    (default 86400)
          --username NAME           MQTT user name, when the broker requires one
          --password-file FILE      file holding the MQTT password (its first line)
          --ca-file FILE            the cluster CA (PEM): an mqtts:// broker's certificate must chain to it
          --cert-file F, --key-file F  client certificate and key (PEM), for a broker that asks for one
          --insecure                allow sending the password over plain mqtt:// to another machine
                                    (refused otherwise: use mqtts:// and --ca-file)
          --operator-token-file F   file holding the bearer token the kick/fire/set endpoints require
          --viewer-token-file F     make the page, API, stream and metrics private: they require this token
                                    (browsers ask for it as the password; tools send it as a bearer token).
                                    Without it they are public; /healthz always is
          --retention-days DAYS     delete events older than this (default 30; 0 keeps them forever)
          --retention-max-mb MB     delete the oldest events while the history is larger (default 1024; 0 = no limit)
          -h, --help                show this help

          --version                 print the version and the commit

        Every option is also an environment variable: --state-dir is PINEURONS_STATE_DIR (the command line wins).
        Exit codes: 0 stopped cleanly, 1 failed while running, 2 bad options, 5 the broker refused the login
        (docs/cli.md has the table all three programs share).
        """;

    /// <summary>Parses <paramref name="args"/> into configuration keys.</summary>
    /// <exception cref="ArgumentException">An unknown option or a missing value.</exception>
    public static Dictionary<string, string?> Parse(IReadOnlyList<string> args) =>
        // ASP.NET Core's --Section:Key=value form passes through (WebApplicationFactory passes settings this way too).
        CommandLineSwitches.Parse(args, Keys, IsConfigurationKey, Flags);

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--insecure" };

    private static bool IsConfigurationKey(string name) =>
        name.Contains(':', StringComparison.Ordinal) || name == "--" + AggregatorOptions.Section;

    /// <summary>The settings the environment gives: each option's <c>PINEURONS_</c> variable (<c>--state-dir</c> is
    /// <c>PINEURONS_STATE_DIR</c>), the rule the node and the CLI follow too. ASP.NET Core's own are left to it.</summary>
    public static Dictionary<string, string?> FromEnvironment() =>
        CommandLineSwitches.FromEnvironment(Keys.Where(k => k.Value.StartsWith(AggregatorOptions.Section + ":", StringComparison.Ordinal))
            .ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal));

    /// <summary>Says which option a value could not be read for ("not a whole number"), or null when <paramref name="ex"/>
    /// is not the configuration binder's complaint about a value.</summary>
    public static string? DescribeBindingFailure(InvalidOperationException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        foreach (var (option, key) in Keys)
        {
            if (ex.Message.Contains($"'{key}'", StringComparison.Ordinal))
            {
                return $"{option} (or {CommandLineSwitches.VariableOf(option)}): the value is not a {(ex.Message.Contains("Int", StringComparison.Ordinal) ? "whole number" : "valid value")}";
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="args"/> asks for help.</summary>
    public static bool WantsHelp(IReadOnlyList<string> args) => CommandLineSwitches.WantsHelp(args);

    private static string Key(string property) => $"{AggregatorOptions.Section}:{property}";
}
