using System.CommandLine;

namespace PiNeurons.Cli.Commands;

/// <summary>`pineurons apply` (placeholder until implemented).</summary>
internal static class ApplyCommand
{
    public static Command Create(CliGlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return new Command("apply", "not implemented yet");
    }
}
