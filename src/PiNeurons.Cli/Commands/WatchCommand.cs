using System.CommandLine;

namespace PiNeurons.Cli.Commands;

/// <summary>`pineurons watch` (placeholder until implemented).</summary>
internal static class WatchCommand
{
    public static Command Create(CliGlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return new Command("watch", "not implemented yet");
    }
}
