using PiNeurons.Deploy.Tests.Support;

namespace PiNeurons.Deploy.Tests.Docker;

/// <summary>
/// The build context must not carry the host's bin/ and obj/: obj/project.assets.json holds the host's
/// restore (its paths, its package folder) and would be used by `dotnet publish` in the image.
/// .dockerignore patterns are anchored at the context root, so `bin/` alone would only drop ./bin;
/// src/*/bin needs `**/bin`.
/// </summary>
public sealed class DockerignoreTests
{
    [Theory]
    [InlineData("bin")]
    [InlineData("obj")]
    public void Dockerignore_ExcludesBuildOutputAtAnyDepth(string folder)
    {
        var patterns = Patterns();

        Assert.True(patterns.Contains($"**/{folder}"),
            $".dockerignore must exclude {folder}/ at any depth with `**/{folder}/`; it has: {string.Join(", ", patterns)}");
        var reincluded = patterns.Where(p => p.StartsWith('!') && p.Contains(folder, StringComparison.Ordinal)).ToArray();
        Assert.True(reincluded.Length == 0, $".dockerignore re-includes build output: {string.Join(", ", reincluded)}");
    }

    [Fact]
    public void Dockerignore_KeepsWhatDockerfileArmv7Copies()
    {
        var patterns = Patterns();
        var copied = DockerfileModel.Parse(RepoRoot.ReadAllText("Dockerfile.armv7")).Stages
            .SelectMany(s => s.All("COPY"))
            .Where(c => !c.Flags().ContainsKey("from"))
            .SelectMany(c => c.Operands().SkipLast(1))
            .Select(source => (source.StartsWith("./", StringComparison.Ordinal) ? source[2..] : source).TrimEnd('/'))
            .Distinct()
            .ToArray();

        var dropped = copied.Where(source => patterns.Any(p => !p.StartsWith('!') && IsUnder(source, p))).ToArray();

        Assert.True(dropped.Length == 0,
            $".dockerignore drops what Dockerfile.armv7 copies: {string.Join(", ", dropped)}");
        Assert.All(copied, source => Assert.True(
            File.Exists(RepoRoot.File(source)) || Directory.Exists(RepoRoot.File(source)),
            $"Dockerfile.armv7 copies {source}, which is not in the repository."));
    }

    /// <summary>Exact or leading-folder matches only: enough to catch `src/` or `firmware-config` listed by mistake.</summary>
    private static bool IsUnder(string source, string pattern) =>
        source == pattern || source.StartsWith(pattern + "/", StringComparison.Ordinal);

    private static string[] Patterns() =>
        RepoRoot.ReadAllText(".dockerignore")
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.TrimStart('/').TrimEnd('/'))
            .ToArray();
}
