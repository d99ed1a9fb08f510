using System.CommandLine;

namespace PiNeurons.Cli.Commands;

/// <summary>`pineurons set` (placeholder until implemented).</summary>
internal static class SetCommand
{
    public static Command Create(CliGlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return new Command("set", "not implemented yet");
    }
}
