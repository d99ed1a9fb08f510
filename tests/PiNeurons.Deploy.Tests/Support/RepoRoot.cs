namespace PiNeurons.Deploy.Tests.Support;

/// <summary>The checkout the tests run from: the nearest folder above the test assembly that holds
/// PiNeurons.sln. The deployment files are read there, not copied next to the assembly, so a test
/// always sees the file a `docker build` would see.</summary>
internal static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string File(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    public static string ReadAllText(string relativePath)
    {
        var path = File(relativePath);
        Assert.True(System.IO.File.Exists(path), $"{relativePath} is missing at the repository root ({Path}).");
        return System.IO.File.ReadAllText(path);
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "PiNeurons.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PiNeurons.sln in {AppContext.BaseDirectory} or any folder above it.");
    }
}
