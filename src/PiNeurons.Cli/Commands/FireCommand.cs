using System.CommandLine;

namespace PiNeurons.Cli.Commands;

/// <summary>`pineurons fire` (placeholder until implemented).</summary>
internal static class FireCommand
{
    public static Command Create(CliGlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return new Command("fire", "not implemented yet");
    }
}
