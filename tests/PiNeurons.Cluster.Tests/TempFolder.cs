namespace PiNeurons.Cluster.Tests;

/// <summary>A temporary folder, deleted with its contents on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("pineurons-cluster-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
