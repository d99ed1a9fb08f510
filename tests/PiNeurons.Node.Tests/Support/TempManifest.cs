using PiNeurons.Testing;

namespace PiNeurons.Node.Tests.Support;

/// <summary>A manifest file of the test's own, rewritable between node runs; deleted on dispose.</summary>
public sealed class TempManifest : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pineurons-manifest-").FullName;

    /// <summary>Writes a manifest with one host <c>pi-test</c> hosting neuron <paramref name="id"/> with the given YAML config lines.</summary>
    public TempManifest(string id, params string[] configLines)
    {
        Path = System.IO.Path.Combine(_directory, "cluster.yaml");
        Write(id, configLines);
    }

    /// <summary>The host name to pass as <c>--node</c>.</summary>
    public const string Host = "pi-test";

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The repository's XOR manifest: firmware-config/xor.yaml, found above the test assembly.</summary>
    public static string Xor => RepoFile.XorManifest;

    /// <summary>firmware-config/room.yaml: the sensor neuron the demo runs beside XOR.</summary>
    public static string Room { get; } = RepoFile.Find("firmware-config/room.yaml");

    /// <summary>Rewrites the file with neuron <paramref name="id"/> configured by <paramref name="configLines"/>.</summary>
    public void Write(string id, params string[] configLines)
    {
        var lines = new List<string> { "version: 1", "hosts:", $"  {Host}:", "    neurons:", $"      {id}:" };
        lines.AddRange(configLines.Select(l => "        " + l));
        if (configLines.Length == 0)
        {
            lines[^1] += " {}";
        }

        File.WriteAllLines(Path, lines);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
