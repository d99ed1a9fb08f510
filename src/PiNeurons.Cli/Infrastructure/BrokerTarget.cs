using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Infrastructure;

/// <summary>A broker and the login to use there: what every MQTT connection of the CLI is made from.</summary>
/// <param name="Address">The broker.</param>
/// <param name="Login">The login, or null for an anonymous client (the embedded broker takes anyone).</param>
internal sealed record BrokerTarget(BrokerAddress Address, MqttLogin? Login)
{
    /// <summary>Connects a tool's client under <paramref name="root"/>.</summary>
    /// <exception cref="BrokerUnreachableException">Nothing answered in time.</exception>
    /// <exception cref="MqttConnectionFatalException">The broker refused the login.</exception>
    public Task<MqttRequestClient> ConnectAsync(string root, TimeSpan timeout, TimeProvider time, CancellationToken ct) =>
        MqttRequestClient.ConnectAsync(
            new MqttRequestClientOptions { Broker = Address, Root = root, Timeout = timeout, UserName = Login?.UserName, Password = Login?.Password },
            time,
            ct);
}
