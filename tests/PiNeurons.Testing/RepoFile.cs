namespace PiNeurons.Testing;

/// <summary>Files of the repository the tests read, found above the test assembly (tests run from bin/ inside it).</summary>
public static class RepoFile
{
    /// <summary>firmware-config/xor.yaml, the XOR network of the origin talk.</summary>
    public static string XorManifest { get; } = Find("firmware-config/xor.yaml");

    /// <summary>The full path of <paramref name="relative"/>, a path from the repository's root.</summary>
    /// <exception cref="FileNotFoundException">No folder above the test assembly holds it.</exception>
    public static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
