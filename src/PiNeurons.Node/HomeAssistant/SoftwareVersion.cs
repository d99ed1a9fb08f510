using System.Reflection;

namespace PiNeurons.Node.HomeAssistant;

/// <summary>The node's version as Home Assistant shows it on each neuron's device.</summary>
internal static class SoftwareVersion
{
    /// <summary>The assembly's informational version (the build's <c>Version</c>, plus the commit when the SDK adds it).</summary>
    public static string Current { get; } =
        typeof(SoftwareVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SoftwareVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
