using System.CommandLine;

namespace PiNeurons.Cli.Demo;

/// <summary>`pineurons demo` (placeholder until implemented).</summary>
internal static class DemoCommand
{
    public static Command Create(CliGlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return new Command("demo", "not implemented yet");
    }
}
