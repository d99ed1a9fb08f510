namespace PiNeurons.Aggregator.Hosting;

/// <summary>
/// The aggregator's settings: configuration section <c>Aggregator</c>, filled from the command line
/// (<see cref="AggregatorCommandLine"/>), environment variables (<c>PINEURONS_BROKER</c>: each option's, by the rule all three programs share) or appsettings.json.
/// </summary>
public sealed class AggregatorOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Aggregator";

    /// <summary>MQTT broker URL.</summary>
    public string Broker { get; set; } = "mqtt://127.0.0.1:1883";

    /// <summary>MQTT topic root the neurons publish under.</summary>
    public string Root { get; set; } = Core.Protocol.ProtocolLimits.DefaultRoot;

    /// <summary>MQTT client id; the broker keeps the persistent session under it. Null: derived (see <see cref="EffectiveClientId"/>).</summary>
    public string? ClientId { get; set; }

    /// <summary>How long the broker keeps the session (and queues events) while the aggregator is away.</summary>
    public int SessionExpirySeconds { get; set; } = 86_400;

    /// <summary>Where the SQLite history lives unless <see cref="Db"/> says otherwise.</summary>
    public string? StateDir { get; set; }

    /// <summary>SQLite database file.</summary>
    public string? Db { get; set; }

    /// <summary>PostgreSQL connection string (instead of SQLite).</summary>
    public string? Postgres { get; set; }

    /// <summary>File holding the PostgreSQL connection string (a Swarm secret).</summary>
    public string? PostgresFile { get; set; }

    /// <summary>
    /// MQTT 5 shared-subscription group for events, so several replicas split the ingest; ignored (every replica then
    /// takes every event) when the broker does not support shared subscriptions.
    /// </summary>
    public string? SharedGroup { get; set; }

    /// <summary>MQTT user name.</summary>
    public string? Username { get; set; }

    /// <summary>File holding the MQTT password (its first line).</summary>
    public string? PasswordFile { get; set; }

    /// <summary>The cluster CA (PEM) an <c>mqtts://</c> broker's certificate must chain to.</summary>
    public string? CaFile { get; set; }

    /// <summary>Client certificate (PEM) for an <c>mqtts://</c> broker that asks for one, with <see cref="KeyFile"/>.</summary>
    public string? CertFile { get; set; }

    /// <summary>The client certificate's private key (PEM).</summary>
    public string? KeyFile { get; set; }

    /// <summary>Allows sending the MQTT password over plain TCP to a broker on another machine.</summary>
    public bool Insecure { get; set; }

    /// <summary>Bearer token the command endpoints require (prefer <see cref="OperatorTokenFile"/>).</summary>
    public string? OperatorToken { get; set; }

    /// <summary>File holding the operator token (its first line).</summary>
    public string? OperatorTokenFile { get; set; }

    /// <summary>Token the page, the read API, the stream and the metrics require (prefer <see cref="ViewerTokenFile"/>);
    /// null: they are public.</summary>
    public string? ViewerToken { get; set; }

    /// <summary>File holding the viewer token (its first line).</summary>
    public string? ViewerTokenFile { get; set; }

    /// <summary>Events older than this many days are deleted; 0 keeps them forever.</summary>
    public double RetentionDays { get; set; } = 30;

    /// <summary>The oldest events are deleted while the history is larger than this; 0 means no limit.</summary>
    public long RetentionMaxMb { get; set; } = 1024;

    /// <summary>The client id used: <see cref="ClientId"/>, else one per replica when sharing, else a fixed one.</summary>
    public string EffectiveClientId =>
        ClientId ?? (SharedGroup is null ? "pineurons-aggregator" : $"pineurons-aggregator-{Environment.MachineName}");

    /// <summary>The state directory used: <see cref="StateDir"/>, else systemd's <c>STATE_DIRECTORY</c>, else <c>./aggregator-state</c>.</summary>
    public string EffectiveStateDir =>
        StateDir ?? Environment.GetEnvironmentVariable("STATE_DIRECTORY")?.Split(':')[0] ?? Path.GetFullPath("aggregator-state");

    /// <summary>The SQLite file used.</summary>
    public string EffectiveDb => Db ?? Path.Combine(EffectiveStateDir, "events.db");
}
