namespace PiNeurons.Testing;

/// <summary>How a test's own Mosquitto is configured.</summary>
public sealed class MosquittoOptions
{
    /// <summary>A mosquitto_passwd file; when set, anonymous clients are refused.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>A file of the dynamic-security plugin (logins, client id pins and roles), loaded with the plugin instead of a
    /// password file; when set, anonymous clients are refused. Mosquitto reads it after dropping root for its own user.</summary>
    public string? DynamicSecurityFile { get; init; }

    /// <summary>Extra lines appended to the generated mosquitto.conf.</summary>
    public IReadOnlyList<string> ExtraConfig { get; init; } = [];

    /// <summary>A fixed port instead of a free one: 1883, where a command written for a default broker must
    /// reach it (only in a network namespace of the test's own, where nothing else can hold it).</summary>
    public int? Port { get; init; }

    /// <summary>How long to wait for the broker to accept TCP connections.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
