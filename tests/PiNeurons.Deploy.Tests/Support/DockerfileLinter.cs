using PiNeurons.Testing;

namespace PiNeurons.Deploy.Tests.Support;

/// <summary>
/// Runs npm's dockerfile-utils (the linter behind the VS Code Docker extension) from the repository's
/// node_modules; package.json pins it and CI installs it with `npm ci`. Not finding it is a failure,
/// never a skip: a lint that silently does not run looks exactly like a lint that passed.
/// </summary>
internal static class DockerfileLinter
{
    public const string InstallHint = "run `npm ci` at the repo root first";

    public sealed record Result(int ExitCode, string Output)
    {
        /// <summary>dockerfile-utils prints each finding as a block ending in "Error: ..." or "Warning: ...".</summary>
        public IReadOnlyList<string> Findings =>
            Output.Split('\n', StringSplitOptions.TrimEntries)
                .Where(l => l.StartsWith("Error:", StringComparison.Ordinal) || l.StartsWith("Warning:", StringComparison.Ordinal))
                .ToArray();
    }

    public static async Task<Result> LintAsync(string dockerfilePath)
    {
        var script = RepoRoot.File(Path.Combine("node_modules", "dockerfile-utils", "bin", "dockerfile-utils"));
        if (!File.Exists(RepoRoot.File(Path.Combine("node_modules", ".bin", "dockerfile-utils"))) || !File.Exists(script))
        {
            Assert.Fail($"dockerfile-utils is not installed under {RepoRoot.Path}/node_modules: {InstallHint}.");
        }

        ChildProcessResult result;
        try
        {
            result = await ChildProcess.RunAsync("node", [script, "lint", dockerfilePath], TimeSpan.FromSeconds(60), new ChildProcessOptions { WorkingDirectory = RepoRoot.Path });
        }
        catch (FileNotFoundException e)
        {
            Assert.Fail($"node is not on PATH ({e.Message}); install Node.js, then {InstallHint}.");
            throw;
        }

        return new Result(result.ExitCode, result.StandardOutput + result.StandardError);
    }
}
