namespace PiNeurons.Docs.Tests.Running;

/// <summary>
/// The folder the doc commands run in: a copy of the repository's files, so the relative paths of the docs
/// (firmware-config/xor.yaml, src/PiNeurons.Cli) resolve as from the repository root, while what the commands
/// write (cluster-secrets, state, build output) never lands in the checkout.
/// </summary>
/// <remarks>
/// The copy is kept beside the test assembly between runs with its bin/ and obj/, and the files are copied with
/// their times: a <c>dotnet run</c> in the docs then rebuilds only what changed since the last run, instead of
/// building from scratch each time (the first run, as in CI, does build from scratch, as a fresh clone does).
/// </remarks>
internal static class DocsTree
{
    // Build output, installed packages, git's data, and what test runs and the commands themselves leave behind.
    private static readonly string[] NeverCopied = ["bin", "obj", "node_modules", ".git", "TestResults", "BenchmarkDotNet.Artifacts"];
    private static readonly string[] NeverCopiedAtRoot = ["state", "aggregator-state", "artifacts", Path.Combine(".ci", "work")];

    /// <summary>Brings the copy at <paramref name="tree"/> up to date with <paramref name="repo"/> and returns its path.</summary>
    public static string Refresh(string repo, string tree)
    {
        Directory.CreateDirectory(tree);
        Clean(tree);
        Copy(repo, repo, tree);
        return tree;
    }

    // Everything of the last run goes, but the build output.
    private static void Clean(string dir)
    {
        foreach (var file in Directory.EnumerateFiles(dir))
        {
            File.Delete(file);
        }

        foreach (var sub in Directory.EnumerateDirectories(dir))
        {
            var name = Path.GetFileName(sub);
            if (name is "bin" or "obj")
            {
                continue;
            }

            Clean(sub);
            if (!Directory.EnumerateFileSystemEntries(sub).Any())
            {
                Directory.Delete(sub);
            }
        }
    }

    private static void Copy(string repo, string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            if (Path.GetFileName(file) == ".git")
            {
                continue; // a worktree's pointer to its repository
            }

            File.Copy(file, target, overwrite: true);
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(file));
        }

        foreach (var sub in Directory.EnumerateDirectories(from))
        {
            if (NeverCopied.Contains(Path.GetFileName(sub)) || NeverCopiedAtRoot.Contains(Path.GetRelativePath(repo, sub)))
            {
                continue;
            }

            Copy(repo, sub, Path.Combine(to, Path.GetFileName(sub)));
        }
    }
}
