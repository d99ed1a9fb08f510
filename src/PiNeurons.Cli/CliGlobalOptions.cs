using System.CommandLine;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Cli;

/// <summary>Options every command takes: where the broker is, who logs in, the topic root, how long to wait.</summary>
internal sealed class CliGlobalOptions
{
    /// <summary>Broker used when neither --broker nor PINEURONS_BROKER is given.</summary>
    public const string DefaultBroker = "mqtt://127.0.0.1:1883";

    /// <summary>The default of --username.</summary>
    public const string UsernameVariable = "PINEURONS_USERNAME";

    /// <summary>The default of --password-file.</summary>
    public const string PasswordFileVariable = "PINEURONS_PASSWORD_FILE";

    public Option<string> Broker { get; } = new("--broker")
    {
        Description = "MQTT broker URL, mqtt://host[:port] (default: $PINEURONS_BROKER, else " + DefaultBroker + ")",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PINEURONS_BROKER") is { Length: > 0 } env ? env : DefaultBroker,
    };

    public Option<string?> Username { get; } = new("--username")
    {
        Description = "MQTT user name, when the broker requires a login (default: $PINEURONS_USERNAME)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(UsernameVariable) is { Length: > 0 } env ? env : null,
    };

    public Option<string?> PasswordFile { get; } = new("--password-file")
    {
        Description = "file whose first line is the MQTT password; needs --username (default: $PINEURONS_PASSWORD_FILE)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(PasswordFileVariable) is { Length: > 0 } env ? env : null,
    };

    /// <summary>Accepted only to be refused with a reason: a password on the command line stays in shell history and in ps.</summary>
    public Option<string?> Password { get; } = new("--password") { Hidden = true, Recursive = true };

    public Option<string?> CaFile { get; } = new("--ca-file")
    {
        Description = "the cluster CA (PEM) an mqtts:// broker's certificate must chain to (default: $PINEURONS_CA_FILE)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PINEURONS_CA_FILE") is { Length: > 0 } env ? env : null,
    };

    public Option<bool> Insecure { get; } = new("--insecure")
    {
        Description = "allow sending the password over plain mqtt:// to a broker on another machine (refused otherwise)",
        Recursive = true,
    };

    public Option<string> Root { get; } = new("--root")
    {
        Description = "MQTT topic root (default: pineurons)",
        Recursive = true,
        DefaultValueFactory = _ => ProtocolLimits.DefaultRoot,
    };

    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "seconds to wait for an answer (default: 5)",
        Recursive = true,
        DefaultValueFactory = _ => 5,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Broker);
        root.Options.Add(Username);
        root.Options.Add(PasswordFile);
        root.Options.Add(Password);
        root.Options.Add(CaFile);
        root.Options.Add(Insecure);
        root.Options.Add(Root);
        root.Options.Add(Timeout);
    }
}
