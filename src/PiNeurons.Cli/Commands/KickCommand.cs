using System.CommandLine;

namespace PiNeurons.Cli.Commands;

/// <summary>`pineurons kick` (placeholder until implemented).</summary>
internal static class KickCommand
{
    public static Command Create(CliGlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return new Command("kick", "not implemented yet");
    }
}
