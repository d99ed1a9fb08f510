using System.CommandLine;
using PiNeurons.Core.Protocol;

namespace PiNeurons.Cli;

/// <summary>Options every command takes: where the broker is, the topic root, how long to wait.</summary>
internal sealed class CliGlobalOptions
{
    /// <summary>Broker used when neither --broker nor PINEURONS_BROKER is given.</summary>
    public const string DefaultBroker = "mqtt://127.0.0.1:1883";

    public Option<string> Broker { get; } = new("--broker")
    {
        Description = "MQTT broker URL, mqtt://host[:port] (default: $PINEURONS_BROKER, else " + DefaultBroker + ")",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PINEURONS_BROKER") is { Length: > 0 } env ? env : DefaultBroker,
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
        root.Options.Add(Root);
        root.Options.Add(Timeout);
    }
}
