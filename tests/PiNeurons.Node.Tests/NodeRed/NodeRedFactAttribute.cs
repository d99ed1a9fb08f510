namespace PiNeurons.Node.Tests.NodeRed;

/// <summary>
/// A test that runs the repository's Node-RED (package.json's devDependency, installed by <c>npm ci</c>).
/// Skipped with the reason on a machine without it; under CI (<c>CI=true</c>) it runs anyway and fails
/// with the install hint, since a flow test that silently does not run looks like one that passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NodeRedFactAttribute : FactAttribute
{
    public NodeRedFactAttribute()
    {
        if (!File.Exists(NodeRedProcess.Executable) && !IsCi)
        {
            Skip = $"Node-RED is not installed ({NodeRedProcess.Executable} is missing): {NodeRedProcess.InstallHint}";
        }
    }

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
