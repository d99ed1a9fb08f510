namespace PiNeurons.Mqtt;

/// <summary>Where and as whom a <see cref="MqttRequestClient"/> connects.</summary>
public sealed class MqttRequestClientOptions
{
    /// <summary>The brokers to try, in order: the client connects to the first that answers.</summary>
    public required BrokerList Brokers { get; init; }

    /// <summary>The topic root; the reply topic is <c>&lt;root&gt;-replies/&lt;client id&gt;</c>.</summary>
    public required string Root { get; init; }

    /// <summary>How long connecting may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>User name, or null for anonymous (a broker with <c>allow_anonymous false</c> refuses that).</summary>
    public string? UserName { get; init; }

    /// <summary>Password, sent only with <see cref="UserName"/>.</summary>
    public string? Password { get; init; }

    /// <summary>CA pinning and client certificate for <c>mqtts://</c>; null: the OS trust store decides.</summary>
    public Tls.MqttTls? Tls { get; init; }
}
