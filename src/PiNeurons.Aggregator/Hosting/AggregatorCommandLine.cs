using PiNeurons.CommandLine;

namespace PiNeurons.Aggregator.Hosting;

/// <summary>
/// The aggregator's command line: each option sets an <see cref="AggregatorOptions"/> property (or one of ASP.NET Core's
/// own settings) and is also a PINEURONS_ variable; ASP.NET Core's <c>--Section:Key=value</c> form passes through.
/// </summary>
public static class AggregatorCommandLine
{
    private const string Description = """
        PiNeurons aggregator: stores every neuron's events and serves the live network page, the HTTP API
        and Prometheus metrics.

        Usage:
          PiNeurons.Aggregator [--broker URL] [--urls URLS] [options]

        Every option is also an environment variable: --retention-days is PINEURONS_RETENTION_DAYS (the command
        line wins); settings may also come from the Aggregator section of appsettings.json.
        Exit codes: 0 stopped cleanly, 1 failed while running, 2 bad options, 5 the broker refused the login
        (docs/cli.md has the table all three programs share; docs/aggregator.md the details).
        Example: PiNeurons.Aggregator --broker mqtt://127.0.0.1:1883 --urls http://127.0.0.1:8080
        """;

    /// <summary>The aggregator's options, in the order --help lists them.</summary>
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        Spec("--broker", nameof(AggregatorOptions.Broker), "MQTT broker, mqtt://host[:port] or mqtts://host[:port]; a cluster's nodes separated by commas, tried in turn (default mqtt://127.0.0.1:1883)", "URL[,URL...]"),
        new("--urls", "urls", "where to serve HTTP (default http://localhost:5000), e.g. http://0.0.0.0:8080", "URLS"),
        Spec("--root", nameof(AggregatorOptions.Root), "MQTT topic root (default pineurons)", "ROOT"),
        Spec("--state-dir", nameof(AggregatorOptions.StateDir), "where the SQLite history lives (default: systemd's STATE_DIRECTORY, else ./aggregator-state)", "DIR"),
        Spec("--db", nameof(AggregatorOptions.Db), "SQLite database file (default <state-dir>/events.db)", "FILE"),
        Spec("--postgres", nameof(AggregatorOptions.Postgres), "store in PostgreSQL instead (a connection string); prefer --postgres-file", "CONN"),
        Spec("--postgres-file", nameof(AggregatorOptions.PostgresFile), "file holding the PostgreSQL connection string", "FILE"),
        Spec("--shared-group", nameof(AggregatorOptions.SharedGroup), "split the events with the other replicas of group NAME (MQTT 5 $share/NAME/...) where the broker supports shared subscriptions; where it does not, the group is ignored and every replica takes every event, the store keeping one copy. Needs PostgreSQL", "NAME"),
        Spec("--client-id", nameof(AggregatorOptions.ClientId), "MQTT client id of the persistent session (default pineurons-aggregator, or -<hostname> with --shared-group)", "ID"),
        Spec("--session-expiry", nameof(AggregatorOptions.SessionExpirySeconds), "how long the broker queues events while the aggregator is away (default 86400)", "SECONDS"),
        Spec("--username", nameof(AggregatorOptions.Username), "MQTT user name, when the broker requires one", "NAME"),
        Spec("--password-file", nameof(AggregatorOptions.PasswordFile), "file whose first line is the MQTT password", "FILE"),
        Spec("--ca-file", nameof(AggregatorOptions.CaFile), "the cluster CA (PEM) an mqtts:// broker's certificate must chain to", "FILE"),
        Spec("--cert-file", nameof(AggregatorOptions.CertFile), "client certificate (PEM), for a broker that asks for one, with --key-file", "FILE"),
        Spec("--key-file", nameof(AggregatorOptions.KeyFile), "the client certificate's private key (PEM)", "FILE"),
        Spec("--insecure", nameof(AggregatorOptions.Insecure), "allow the MQTT password over plain mqtt:// to another machine (refused otherwise)", null),
        Spec("--operator-token-file", nameof(AggregatorOptions.OperatorTokenFile), "file holding the bearer token the kick/fire/set endpoints require", "FILE"),
        Spec("--viewer-token-file", nameof(AggregatorOptions.ViewerTokenFile), "make the page, API, stream and metrics private: they require this token (/healthz stays public)", "FILE"),
        Spec("--retention-days", nameof(AggregatorOptions.RetentionDays), "delete events older than this (default 30; 0 keeps them forever)", "DAYS"),
        Spec("--retention-max-mb", nameof(AggregatorOptions.RetentionMaxMb), "delete the oldest events while the history is larger (default 1024; 0 = no limit)", "MB"),
        new("--environment", "environment", "ASP.NET Core's environment name (Production unless set)", "NAME"),
        new("--contentRoot", "contentRoot", "ASP.NET Core's content root", "DIR"),
        new("--applicationName", "applicationName", "ASP.NET Core's application name", "NAME"),
    ];

    /// <summary>The command line, with --help and --version.</summary>
    public static ProgramCommandLine Create() => new("pineurons-aggregator", Description, Options, IsConfigurationKey);

    /// <summary>The settings the environment gives: each option's PINEURONS_ variable. ASP.NET Core's own are left to it.</summary>
    public static Dictionary<string, string?> FromEnvironment() =>
        ProgramCommandLine.FromEnvironment(Options.Where(o => o.ConfigurationKey.StartsWith(AggregatorOptions.Section + ":", StringComparison.Ordinal)));

    /// <summary>Says which option a value could not be read for ("not a whole number"), or null when <paramref name="ex"/>
    /// is not the configuration binder's complaint about a value.</summary>
    public static string? DescribeBindingFailure(InvalidOperationException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        foreach (var spec in Options)
        {
            if (ex.Message.Contains($"'{spec.ConfigurationKey}'", StringComparison.Ordinal))
            {
                return $"{spec.Name} (or {EnvironmentVariables.Of(spec.Name)}): the value is not a {(ex.Message.Contains("Int", StringComparison.Ordinal) ? "whole number" : "valid value")}";
            }
        }

        return null;
    }

    // ASP.NET Core's --Section:Key=value form; WebApplicationFactory passes settings this way, starting with an empty
    // --Aggregator= for the section itself.
    private static bool IsConfigurationKey(string name) =>
        name.Contains(':', StringComparison.Ordinal) || name == "--" + AggregatorOptions.Section;

    private static OptionSpec Spec(string name, string property, string description, string? valueName) =>
        new(name, $"{AggregatorOptions.Section}:{property}", description, valueName);
}
