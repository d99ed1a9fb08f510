using System.CommandLine;

namespace PiNeurons.Cli.Bench;

/// <summary>`pineurons bench` (placeholder until implemented).</summary>
internal static class BenchCommand
{
    public static Command Create(CliGlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return new Command("bench", "not implemented yet");
    }
}
