using System.CommandLine;
using PiNeurons.CommandLine;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Cli;

/// <summary>
/// The options of every command that talks to a broker: where it is, who logs in, the topic root, how long to wait.
/// Each defaults to its environment variable, named by the one rule all three programs share: <c>--ca-file</c> is
/// <c>PINEURONS_CA_FILE</c>. Commands that talk to no broker (flash, secrets) do not list them.
/// </summary>
internal sealed class MqttOptions
{
    /// <summary>Broker used when neither --broker nor PINEURONS_BROKER is given.</summary>
    public const string DefaultBroker = "mqtt://127.0.0.1:1883";

    /// <summary>Seconds --timeout waits by default.</summary>
    public const double DefaultTimeoutSeconds = 5;

    /// <summary>Options that belong to no command: what a command that talks to no broker passes, so none is read.</summary>
    public static MqttOptions Offline { get; } = new();

    public Option<string> Broker { get; } = new("--broker")
    {
        Description = "MQTT broker, mqtt://host[:port] or mqtts://host[:port]; a cluster's nodes separated by commas, tried in turn (default: " + DefaultBroker + ")",
        DefaultValueFactory = _ => FromEnvironment("--broker") ?? DefaultBroker,
    };

    public Option<string?> Username { get; } = new("--username")
    {
        Description = "MQTT user name, when the broker requires a login",
        DefaultValueFactory = _ => FromEnvironment("--username"),
    };

    public Option<string?> PasswordFile { get; } = new("--password-file")
    {
        Description = "file whose first line is the MQTT password (with --username)",
        DefaultValueFactory = _ => FromEnvironment("--password-file"),
    };

    /// <summary>Accepted only to be refused with a reason: a password on the command line stays in shell history and in ps.</summary>
    public Option<string?> Password { get; } = new("--password") { Hidden = true };

    public Option<string?> CaFile { get; } = new("--ca-file")
    {
        Description = "the cluster CA (PEM) an mqtts:// broker's certificate must chain to",
        DefaultValueFactory = _ => FromEnvironment("--ca-file"),
    };

    /// <summary>A flag; its variable is read by <see cref="Commands.CommandContext"/>, which can say what is wrong with it.</summary>
    public Option<bool> Insecure { get; } = new("--insecure")
    {
        Description = "allow the password over plain mqtt:// to another machine",
    };

    public Option<string> Root { get; } = new("--root")
    {
        Description = "MQTT topic root (default: " + ProtocolLimits.DefaultRoot + ")",
        DefaultValueFactory = _ => FromEnvironment("--root") ?? ProtocolLimits.DefaultRoot,
    };

    /// <summary>Seconds; its variable is read by <see cref="Commands.CommandContext"/>, which can say what is wrong with it.</summary>
    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "seconds the command may take (default: 5)",
        DefaultValueFactory = _ => DefaultTimeoutSeconds,
    };

    /// <summary>The environment variable of an option: <c>--ca-file</c> is <c>PINEURONS_CA_FILE</c>.</summary>
    public static string VariableOf(string option) => EnvironmentVariables.Of(option);

    /// <summary>The value of <paramref name="option"/>'s environment variable, or null when it is unset or empty.</summary>
    public static string? FromEnvironment(string option) =>
        Environment.GetEnvironmentVariable(VariableOf(option)) is { Length: > 0 } value ? value : null;

    /// <summary>Adds every connection option to a command that talks to a broker.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Every connection option.</summary>
    public IEnumerable<Option> All => [Broker, Username, PasswordFile, Password, CaFile, Insecure, Root, Timeout];
}
