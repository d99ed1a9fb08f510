namespace PiNeurons.Docs.Tests;

/// <summary>The checkout the tests run from: the nearest folder above the test assembly that holds PiNeurons.sln.</summary>
internal static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The repository's root folder.</summary>
    public static string Path => Root.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PiNeurons.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PiNeurons.sln in {AppContext.BaseDirectory} or any folder above it.");
    }
}
