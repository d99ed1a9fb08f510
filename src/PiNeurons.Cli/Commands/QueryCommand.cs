using System.CommandLine;

namespace PiNeurons.Cli.Commands;

/// <summary>`pineurons query` (placeholder until implemented).</summary>
internal static class QueryCommand
{
    public static Command Create(CliGlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return new Command("query", "not implemented yet");
    }
}
