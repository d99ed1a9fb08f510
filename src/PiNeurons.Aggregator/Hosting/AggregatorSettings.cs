using PiNeurons.Aggregator.Storage;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;
using PiNeurons.Mqtt.Tls;

namespace PiNeurons.Aggregator.Hosting;

/// <summary>
/// <see cref="AggregatorOptions"/> checked and resolved once at start-up: addresses parsed, secrets read
/// from their files. Every problem is reported with the option that causes it and how to fix it.
/// </summary>
public sealed record AggregatorSettings
{
    /// <summary>The broker: one, or the nodes of a cluster, tried in turn.</summary>
    public required BrokerList Broker { get; init; }

    /// <summary>The topic scheme under the configured root.</summary>
    public required TopicScheme Topics { get; init; }

    /// <summary>The MQTT client id of the persistent session.</summary>
    public required string ClientId { get; init; }

    /// <summary>Session expiry interval, in seconds.</summary>
    public required uint SessionExpirySeconds { get; init; }

    /// <summary>The shared-subscription group, or null to receive every event.</summary>
    public string? SharedGroup { get; init; }

    /// <summary>MQTT user name, or null for anonymous.</summary>
    public string? Username { get; init; }

    /// <summary>MQTT password.</summary>
    public string? Password { get; init; }

    /// <summary>CA pinning and client certificate for an <c>mqtts://</c> broker, or null.</summary>
    public MqttTls? Tls { get; init; }

    /// <summary>The operator's bearer token, or null when commands are open.</summary>
    public string? OperatorToken { get; init; }

    /// <summary>The token the page and read API require, or null when they are public.</summary>
    public string? ViewerToken { get; init; }

    /// <summary>SQLite file, when <see cref="PostgresConnectionString"/> is null.</summary>
    public required string SqlitePath { get; init; }

    /// <summary>PostgreSQL connection string, or null for SQLite.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>How much history to keep.</summary>
    public required RetentionPolicy Retention { get; init; }

    /// <summary>Checks <paramref name="options"/> and reads the files it names.</summary>
    /// <exception cref="AggregatorConfigurationException">The first problem found, naming the option.</exception>
    public static AggregatorSettings Resolve(AggregatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!BrokerList.TryParse(options.Broker, out var broker, out var brokerError))
        {
            throw Problem("--broker", brokerError);
        }

        if (!TopicScheme.IsValidRoot(options.Root))
        {
            throw Problem("--root", $"'{options.Root}' is not a topic root: use letters, digits, '_', '-' and '/' between levels, no wildcards");
        }

        if (options.ClientId is { } id && (id.Length is 0 or > 128 || id.Any(char.IsWhiteSpace)))
        {
            throw Problem("--client-id", $"'{id}' must be 1 to 128 characters without spaces");
        }

        if (options.SessionExpirySeconds <= 0)
        {
            throw Problem("--session-expiry", $"{options.SessionExpirySeconds} would end the broker's session with each restart and lose the events sent meanwhile; give a positive number of seconds, e.g. 86400");
        }

        if (options.SharedGroup is { } group && (group.Length == 0 || group.AsSpan().IndexOfAny("/+#") >= 0))
        {
            throw Problem("--shared-group", $"'{group}' must be a non-empty name without '/', '+' or '#'");
        }

        if (options.Postgres is not null && options.PostgresFile is not null)
        {
            throw Problem("--postgres", "give either --postgres or --postgres-file, not both");
        }

        var postgres = options.Postgres ?? (options.PostgresFile is { } pgFile ? ReadSecret(pgFile, "--postgres-file") : null);
        if (postgres is not null && string.IsNullOrWhiteSpace(postgres))
        {
            throw Problem("--postgres", "the connection string is empty");
        }

        if (options.SharedGroup is not null && postgres is null)
        {
            throw Problem("--shared-group", "replicas sharing the ingest must share one history: add --postgres-file (each SQLite file would hold only a share of the events)");
        }

        if (options.PasswordFile is not null && options.Username is null)
        {
            throw Problem("--password-file", "a password needs a user name: add --username");
        }

        var password = options.PasswordFile is { } pwFile ? ReadSecret(pwFile, "--password-file") : null;
        if (CleartextPassword.Refusal(broker!, !string.IsNullOrEmpty(password), options.Insecure) is { } refusal)
        {
            throw Problem("--broker", refusal);
        }

        var tls = LoadTls(options, broker!);
        var token = options.OperatorToken;
        if (options.OperatorTokenFile is { } tokenFile)
        {
            token = ReadSecret(tokenFile, "--operator-token-file");
            if (token.Length == 0)
            {
                throw Problem("--operator-token-file", $"{tokenFile} is empty: put the token on its first line");
            }
        }

        var viewer = options.ViewerToken;
        if (options.ViewerTokenFile is { } viewerFile)
        {
            viewer = ReadSecret(viewerFile, "--viewer-token-file");
            if (viewer.Length == 0)
            {
                throw Problem("--viewer-token-file", $"{viewerFile} is empty: put the token on its first line");
            }
        }

        if (!double.IsFinite(options.RetentionDays) || options.RetentionDays < 0)
        {
            throw Problem("--retention-days", $"{options.RetentionDays} must be 0 (keep forever) or a positive number of days");
        }

        if (options.RetentionMaxMb < 0)
        {
            throw Problem("--retention-max-mb", $"{options.RetentionMaxMb} must be 0 (no limit) or a positive number of megabytes");
        }

        return new AggregatorSettings
        {
            Broker = broker,
            Topics = new TopicScheme(options.Root),
            ClientId = options.EffectiveClientId,
            SessionExpirySeconds = (uint)options.SessionExpirySeconds,
            SharedGroup = options.SharedGroup,
            Username = options.Username,
            Password = password,
            Tls = tls,
            OperatorToken = string.IsNullOrEmpty(token) ? null : token,
            ViewerToken = string.IsNullOrEmpty(viewer) ? null : viewer,
            SqlitePath = options.EffectiveDb,
            PostgresConnectionString = postgres,
            Retention = new RetentionPolicy(
                options.RetentionDays > 0 ? TimeSpan.FromDays(options.RetentionDays) : null,
                options.RetentionMaxMb > 0 ? options.RetentionMaxMb * 1024 * 1024 : null),
        };
    }

    private static MqttTls? LoadTls(AggregatorOptions options, BrokerList brokers)
    {
        if (options.CaFile is null && options.CertFile is null && options.KeyFile is null)
        {
            return null;
        }

        if (brokers.FirstPlain is { } broker)
        {
            throw Problem("--ca-file", $"applies to mqtts:// brokers; {broker} is plain MQTT: use mqtts://host:8883");
        }

        try
        {
            return MqttTls.Load(options.CaFile, options.CertFile, options.KeyFile);
        }
        catch (MqttTlsFileException ex)
        {
            throw Problem(ex.Option, ex.Message);
        }
    }

    private static string ReadSecret(string path, string option)
    {
        try
        {
            return (File.ReadLines(path).FirstOrDefault() ?? string.Empty).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Problem(option, $"cannot read {path}: {ex.Message}");
        }
    }

    private static AggregatorConfigurationException Problem(string option, string message) =>
        new($"{option}: {message}");
}
