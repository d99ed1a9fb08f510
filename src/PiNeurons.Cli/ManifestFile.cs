using PiNeurons.Core.Manifest;

namespace PiNeurons.Cli;

/// <summary>Reads a manifest for a command; a file or manifest problem is a usage error (exit 2) with its message.</summary>
internal static class ManifestFile
{
    /// <summary>--manifest FILE, the same on every command that reads one.</summary>
    public static System.CommandLine.Option<string> NewOption(string description, bool required = true) =>
        new("--manifest") { Description = description, Required = required };

    public static async Task<ClusterManifest> LoadAsync(string path, CancellationToken ct)
    {
        string yaml;
        try
        {
            yaml = await File.ReadAllTextAsync(path, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new Commands.CliUsageException($"cannot read manifest {path}: {ex.Message}");
        }

        try
        {
            return ClusterManifest.Parse(yaml, path);
        }
        catch (ManifestException ex)
        {
            throw new Commands.CliUsageException(ex.Message);
        }
    }
}
