using PiNeurons.Mqtt;
using PiNeurons.Mqtt.Tls;

namespace PiNeurons.Cli.Infrastructure;

/// <summary>A broker and the login to use there: what every MQTT connection of the CLI is made from.</summary>
/// <param name="Address">The broker: one, or the nodes of a cluster, tried in turn.</param>
/// <param name="Login">The login, or null for an anonymous client (the embedded broker takes anyone).</param>
internal sealed record BrokerTarget(BrokerList Address, MqttLogin? Login)
{
    /// <summary>CA pinning for an <c>mqtts://</c> broker, or null.</summary>
    public MqttTls? Tls { get; init; }

    /// <summary>The CA file <see cref="Tls"/> was read from, passed on to the in-process aggregator.</summary>
    public string? CaFile { get; init; }

    /// <summary>True when the password may cross the network in clear text (<c>--insecure</c>).</summary>
    public bool Insecure { get; init; }

    /// <summary>Connects a tool's client under <paramref name="root"/>.</summary>
    /// <exception cref="BrokerUnreachableException">Nothing answered in time.</exception>
    /// <exception cref="MqttConnectionFatalException">The broker refused the login.</exception>
    public Task<MqttRequestClient> ConnectAsync(string root, TimeSpan timeout, TimeProvider time, CancellationToken ct) =>
        MqttRequestClient.ConnectAsync(
            new MqttRequestClientOptions { Brokers = Address, Root = root, Timeout = timeout, UserName = Login?.UserName, Password = Login?.Password, Tls = Tls },
            time,
            ct);

    /// <summary>The transport options of the in-process aggregator (demo, bench on an external broker).</summary>
    public IEnumerable<string> AggregatorArguments() =>
    [
        .. Login?.AggregatorArguments() ?? [],
        .. CaFile is null ? Array.Empty<string>() : ["--ca-file", CaFile],
        .. Insecure ? ["--insecure"] : Array.Empty<string>(),
    ];
}
