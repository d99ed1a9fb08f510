using System.Buffers.Text;
using System.Security.Cryptography;

namespace PiNeurons.Cli.Secrets;

/// <summary>Who logs in to the broker, which decides its role there (<see cref="BrokerRoles"/>).</summary>
internal enum MqttRole
{
    /// <summary>A neuron's connection; the user name is the neuron id.</summary>
    Neuron,

    /// <summary>The aggregator: reads what it stores, publishes its API's commands.</summary>
    Aggregator,

    /// <summary>A person or tool that commands every neuron.</summary>
    Operator,
}

/// <summary>One MQTT login made by <c>pineurons secrets</c>.</summary>
/// <param name="User">The user name (an id: never a '/', which would span topic levels in its role's rules).</param>
/// <param name="Role">What its role lets it do.</param>
/// <param name="Password">The password.</param>
internal sealed record MqttCredential(string User, MqttRole Role, string Password)
{
    /// <summary>32 random bytes, base64url: 256 bits, and no character a shell, a YAML file or a systemd unit would mangle.</summary>
    public static string NewPassword() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <inheritdoc />
    public override string ToString() => $"{User} ({Role}, password hidden)";
}
